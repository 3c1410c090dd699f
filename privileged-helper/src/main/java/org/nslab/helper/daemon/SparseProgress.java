package org.nslab.helper.daemon;

import org.nslab.engine.protocol.ProgressListener;

/**
 * Forwards progress of a long run sparsely: every step of a run of at most {@link #EVERY_STEP_UP_TO} steps;
 * otherwise the first step of each new percent and the last. A 1,000-namespace apply has about 5,000 steps,
 * each event a socket write made while the kernel layer waits for it; a hundred tell a client as much.
 */
final class SparseProgress implements ProgressListener {
    static final int EVERY_STEP_UP_TO = 100;

    private final ProgressListener client;
    private long lastPercent = -1;

    SparseProgress(ProgressListener client) {
        this.client = client;
    }

    @Override
    public synchronized void step(int step, int total, String description) {
        if (total > EVERY_STEP_UP_TO && step != total) {
            long percent = (long) step * 100 / total;
            if (percent == lastPercent) return;
            lastPercent = percent;
        }
        client.step(step, total, description);
    }
}
