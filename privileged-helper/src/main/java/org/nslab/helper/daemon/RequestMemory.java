package org.nslab.helper.daemon;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The bytes of members' requests the helper holds at once, from decoding to answer. A decoded design costs several
 * times its text, so without this bound every connection could make the helper hold its largest request at the same
 * time. Small requests (status, list, exec) never wait: they cost little, and must get through while large designs
 * are queued. Root waits for its turn like anyone, but is never turned away.
 */
final class RequestMemory {
    /** Requests up to this size are not counted. */
    static final int SMALL = 64 * 1024;

    private final int budget;
    private final Semaphore free;

    RequestMemory(int budget) {
        this.budget = budget;
        this.free = new Semaphore(budget, true);
    }

    /** Given back once the request is answered. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    private static final Turn NONE = () -> {};

    /**
     * A turn for a request of {@code bytes}, or null when a member's did not come within {@code wait}, because other
     * requests hold the budget.
     */
    Turn take(int bytes, int uid, Duration wait) throws InterruptedException {
        if (bytes <= SMALL) return NONE;
        int counted = Math.min(bytes, budget);
        if (uid == RequestHandler.ROOT) {
            free.acquire(counted);
        } else if (!free.tryAcquire(counted, wait.toMillis(), TimeUnit.MILLISECONDS)) {
            return null;
        }
        return () -> free.release(counted);
    }

    int budget() {
        return budget;
    }

    /** Bytes now held by requests being decoded or served. */
    int held() {
        return budget - free.availablePermits();
    }
}
