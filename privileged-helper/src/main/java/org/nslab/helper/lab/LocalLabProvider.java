package org.nslab.helper.lab;

import java.util.function.Consumer;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServiceProvider;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.doctor.Doctor;

/**
 * The in-process lab service for a root CLI or designer, found through {@link java.util.ServiceLoader}
 * (META-INF/services). Labs applied this way belong to root, as the process does; the doctor examines the
 * host as this process sees it.
 */
public final class LocalLabProvider implements LabServiceProvider {
    private static final int ROOT = 0;

    @Override
    public LabService inProcess(Consumer<String> notices) {
        Applier applier = Applier.onThisMachine().waitingForOtherProcesses(Applier.defaultLockWait(), notices);
        return new LocalLabService(applier, ROOT, Doctor::examine);
    }
}
