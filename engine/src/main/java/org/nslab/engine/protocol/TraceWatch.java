package org.nslab.engine.protocol;

import java.util.List;

/**
 * The side that asked for a trace watch (tracing on a machine that sends nothing): told once tracing is on, then
 * asked to wait until the watch should end, when the packet sent elsewhere has passed.
 */
public interface TraceWatch {
    /** Tracing is on in these namespaces (ids of the lab), before anything of the watched packet was sent. */
    void tracing(List<String> namespaces);

    /** Returns when the watch should end (the helper ends tracing at its time limit whatever this does). */
    void awaitStop() throws InterruptedException;
}
