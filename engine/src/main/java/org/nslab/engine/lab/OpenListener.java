package org.nslab.engine.lab;

/**
 * A listener opened for a check another machine runs ({@link LabService#listen}). Closing it closes the listener;
 * the machine that holds it closes it anyway at the request's time limit, and when the caller's connection ends.
 */
public interface OpenListener extends AutoCloseable {
    /** True when a service of the lab already listened there, so none was opened and the check meets that one. */
    boolean existing();

    /** Connections accepted and datagrams echoed; through a helper, known once it is closed (0 before). */
    int answered();

    /**
     * Why the machine that holds it closed it before its time limit and its caller (its lab torn down, or applied again
     * without its namespace); null while it did not.
     */
    default String closedBy() {
        return null;
    }

    @Override
    void close();
}
