package org.nslab.helper.bench;

import org.nslab.engine.model.Topology;

/** One system under measurement: builds a design and removes it again, timing each half. */
public interface BaselineRunner {
    String name();

    /** Whether this system takes part for this shape and size (Mininet only has its linear topology here). */
    default boolean supports(String shape, int size) {
        return true;
    }

    /** Returns {apply seconds, teardown seconds}. The kernel must be as before when it returns. */
    double[] run(String shape, Topology design) throws Exception;

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
