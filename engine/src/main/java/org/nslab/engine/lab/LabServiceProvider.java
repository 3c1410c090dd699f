package org.nslab.engine.lab;

import java.util.function.Consumer;

/**
 * Supplies the in-process {@link LabService} (the journaled applier, probes, the doctor) for a process that runs
 * as root. The privileged-helper module provides it through {@link java.util.ServiceLoader}, so the engine and
 * the designer never link against the helper's classes.
 */
public interface LabServiceProvider {

    /** The in-process service acting for this process's user; {@code notices} hears why it waits (another process holds the lab). */
    LabService inProcess(Consumer<String> notices);
}
