package org.nslab.helper.apply;

/**
 * Told about steps, so a terminal can draw a bar and the daemon can forward it: an apply tells each step as it
 * takes effect, a teardown each batch of steps as it starts. Calls come one at a time, not always on one thread.
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (index, total, description) -> {};

    /** {@code index} counts from 1 to {@code total}. */
    void step(int index, int total, String description);
}
