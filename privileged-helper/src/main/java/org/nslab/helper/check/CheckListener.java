package org.nslab.helper.check;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nslab.engine.lab.ListenRequest;
import org.nslab.engine.lab.OpenListener;

/**
 * The listener of one check another machine runs: the same {@link Listeners} a check on this machine opens for its
 * own target, in the namespace {@code netns}, echoing only the request's token. It closes itself at the request's
 * time limit, so a caller that never closes it leaves nothing for longer than that; {@link LabListeners} closes it
 * sooner when this process removes its namespace, and it closes itself within a moment of another process doing so.
 */
public final class CheckListener implements OpenListener {
    private static final ScheduledExecutorService LIMITS = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("nslab-listen-limit").factory());

    private final String lab;
    private final String netns;
    private final String where;
    private final Listeners listeners = new Listeners();
    private final boolean existing;
    private final java.util.concurrent.ScheduledFuture<?> limit;
    private final java.util.concurrent.ScheduledFuture<?> watch;
    private final Consumer<CheckListener> closed;
    private volatile String closedBy;
    private volatile boolean done;

    private CheckListener(String lab, String netns, ListenRequest request, Consumer<CheckListener> closed) {
        this.lab = lab;
        this.netns = netns;
        this.where = request.proto() + " " + request.address() + ":" + request.port() + " in " + netns;
        this.closed = closed;
        if (request.token() != null) listeners.expect(request.tokenBytes());
        Listeners.Status status = listeners.open(new Listeners.Endpoint(request.proto(), netns, request.address().toInetAddress(), request.port()));
        if (status.problem() != null) throw new IllegalStateException(status.problem());
        existing = status.existing();
        Object namespace = identity(netns);
        synchronized (this) { // so that a close on the timer's thread waits until both are scheduled
            limit = LIMITS.schedule(this::close, request.timeoutMillis(), TimeUnit.MILLISECONDS);
            // Another process (a root nslab teardown, ip netns delete) removes a namespace without telling LabListeners.
            watch = LIMITS.scheduleWithFixedDelay(() -> {
                if (!java.util.Objects.equals(identity(netns), namespace)) closeBecause("its namespace " + netns + " was deleted");
            }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private static final long WATCH_MILLIS = 200;

    /** Which namespace the name holds now (the inode bound on its file), null when none. */
    private static Object identity(String netns) {
        try {
            return java.nio.file.Files.getAttribute(org.nslab.helper.kernel.Netns.path(netns), "unix:ino");
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Listens in {@code netns} of {@code lab} (a lab namespace, which the caller chose from the recorded design);
     * {@code closed} is told once it is closed. IllegalStateException when it cannot.
     */
    static CheckListener open(String lab, String netns, ListenRequest request, Consumer<CheckListener> closed) {
        return new CheckListener(lab, netns, request, closed);
    }

    String lab() {
        return lab;
    }

    String netns() {
        return netns;
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
    public String closedBy() {
        return closedBy;
    }

    /** Closed by this machine before its client ended it: {@code why} is what the client is told. */
    synchronized void closeBecause(String why) {
        if (done) return;
        closedBy = "the listener on " + where + " was closed: " + why;
        close();
    }

    boolean isClosed() {
        return done;
    }

    @Override
    public synchronized void close() {
        done = true;
        limit.cancel(false);
        watch.cancel(false);
        listeners.close();
        closed.accept(this);
    }
}
