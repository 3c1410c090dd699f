package org.nslab.helper.check;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.nslab.engine.lab.ListenRequest;
import org.nslab.engine.lab.OpenListener;

/**
 * The listener of one check another machine runs: the same {@link Listeners} a check on this machine opens for its
 * own target, in the namespace {@code netns}, echoing only the request's token. It closes itself at the request's
 * time limit, so a caller that never closes it leaves nothing for longer than that.
 */
public final class CheckListener implements OpenListener {
    private static final ScheduledExecutorService LIMITS = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("nslab-listen-limit").factory());

    private final Listeners listeners = new Listeners();
    private final boolean existing;
    private final java.util.concurrent.ScheduledFuture<?> limit;

    private CheckListener(String netns, ListenRequest request) {
        if (request.token() != null) listeners.expect(request.tokenBytes());
        Listeners.Status status = listeners.open(new Listeners.Endpoint(request.proto(), netns, request.address().toInetAddress(), request.port()));
        if (status.problem() != null) throw new IllegalStateException(status.problem());
        existing = status.existing();
        limit = LIMITS.schedule(listeners::close, request.timeoutMillis(), TimeUnit.MILLISECONDS);
    }

    /** Listens in {@code netns} (a lab namespace, which the caller chose from the recorded design); IllegalStateException when it cannot. */
    public static CheckListener open(String netns, ListenRequest request) {
        return new CheckListener(netns, request);
    }

    @Override
    public boolean existing() {
        return existing;
    }

    @Override
    public int answered() {
        return listeners.answered();
    }

    @Override
    public void close() {
        limit.cancel(false);
        listeners.close();
    }
}
