package org.nslab.helper.apply;

/** Told about each step as it starts, so a terminal can draw a bar and the daemon can forward it. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (index, total, description) -> {};

    /** {@code index} counts from 1 to {@code total}. */
    void step(int index, int total, String description);
}
