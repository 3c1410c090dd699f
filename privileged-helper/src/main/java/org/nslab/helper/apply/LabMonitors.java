package org.nslab.helper.apply;

import java.util.concurrent.ConcurrentHashMap;

/** One monitor per lab within this process, so calls for one lab never interleave (across processes: {@link LabLock}). */
final class LabMonitors {
    private static final ConcurrentHashMap<String, Object> LOCKS = new ConcurrentHashMap<>();

    private LabMonitors() {}

    static Object of(String lab) {
        return LOCKS.computeIfAbsent(lab, k -> new Object());
    }
}
