package org.nslab.engine.protocol;

/** Receives an apply's or teardown's progress, on the thread that called the client. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (step, total, description) -> {};

    /** Step {@code step} (1-based) of {@code total} is being run; {@code description} is as {@code nslab plan} prints it. */
    void step(int step, int total, String description);
}
