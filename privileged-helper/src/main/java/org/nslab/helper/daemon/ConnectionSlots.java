package org.nslab.helper.daemon;

import java.util.HashMap;
import java.util.Map;

/**
 * Who holds how many of the helper's connections. A member may hold a share of them, the members together the
 * total; root is never counted and never refused, so the administrator gets in however busy the helper is.
 */
final class ConnectionSlots {
    private final Limits limits;
    private final Map<Integer, Integer> perUid = new HashMap<>();
    private int members;

    ConnectionSlots(Limits limits) {
        this.limits = limits;
    }

    /** Takes a slot for {@code uid}; null when taken, else why there is none. */
    synchronized String take(int uid) {
        if (uid == RequestHandler.ROOT) return null;
        int mine = perUid.getOrDefault(uid, 0);
        if (mine >= limits.connectionsPerUser()) {
            return "uid " + uid + " already has " + mine + " connections to the helper, the most one user may have";
        }
        if (members >= limits.connections()) {
            return "the helper is serving " + members + " connections, the most it serves at once";
        }
        perUid.put(uid, mine + 1);
        members++;
        return null;
    }

    synchronized void give(int uid) {
        if (uid == RequestHandler.ROOT) return;
        perUid.computeIfPresent(uid, (k, n) -> n == 1 ? null : n - 1);
        members--;
    }
}
