package org.nslab.helper.daemon;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/** One fair lock per lab name: requests on a lab run one after another, different labs in parallel. */
final class LabLocks {
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    /** Locks the lab; close the returned handle to unlock. Lab names are few, so locks are never dropped. */
    Held lock(String lab) {
        ReentrantLock lock = locks.computeIfAbsent(lab, l -> new ReentrantLock(true));
        lock.lock();
        return lock::unlock;
    }

    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
