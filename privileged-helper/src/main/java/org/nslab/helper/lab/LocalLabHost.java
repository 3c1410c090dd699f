package org.nslab.helper.lab;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.model.Topology;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.doctor.Doctor;

/** The labs of this machine: the journaled {@link Applier}, the probes and the doctor, in this process. */
public final class LocalLabHost implements LabHost {
    private final Applier applier;
    private final BiFunction<Topology, Integer, List<Finding>> doctor;

    /** {@code doctor} examines the host for a design and a user; tests examine a namespace that plays the host. */
    public LocalLabHost(Applier applier, BiFunction<Topology, Integer, List<Finding>> doctor) {
        this.applier = applier;
        this.doctor = doctor;
    }

    /** The host the daemon serves: lab state under /run/nslab/labs, rtnetlink, iptables-restore; the doctor judges each caller. */
    public static LocalLabHost production() {
        return new LocalLabHost(Applier.onThisMachine(), Doctor::examineFor);
    }

    @Override
    public LabService actingFor(int uid) {
        return new LocalLabService(applier, uid, design -> doctor.apply(design, uid));
    }

    @Override
    public org.nslab.engine.interop.ImportResult importKernel(java.util.function.Predicate<String> namespaceAllowed)
            throws org.nslab.engine.lab.LabException {
        return LocalLabService.importKernel(namespaceAllowed);
    }

    @Override
    public List<String> appliedLabs() {
        return applier.labs().stream().map(Applier.LabSummary::lab).toList();
    }

    @Override
    public Optional<AppliedLab> applied(String lab) {
        try {
            return applier.store().read(lab).map(s -> new AppliedLab(lab, s.ownerUid(), s.design()));
        } catch (org.nslab.helper.apply.UnreadableStateException e) {
            // Isolated: shown to root as unreadable, torn down by root from the kernel's tags; other labs are unaffected.
            return Optional.of(new AppliedLab(lab, Applier.UNKNOWN_OWNER, null, "state unreadable: " + e.getMessage()));
        }
    }

    @Override
    public void recover() {
        applier.recover();
    }
}
