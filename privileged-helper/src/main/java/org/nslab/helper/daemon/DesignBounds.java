package org.nslab.helper.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProtocolJson;

/**
 * How big a design the helper takes: counted on the request's tree before anything is bound or validated, so a
 * design far over the limit costs a few counts, not a validation; and per user, over the labs already applied.
 * Validation itself runs for at most {@link #PARALLEL_LOADS} requests at once, which bounds the memory the
 * helper spends on designs however many connections send them.
 */
final class DesignBounds {
    static final int PARALLEL_LOADS = 2;

    private final Limits limits;
    private final Semaphore loads = new Semaphore(PARALLEL_LOADS, true);

    DesignBounds(Limits limits) {
        this.limits = limits;
    }

    Limits limits() {
        return limits;
    }

    /** Null when the design's size is within the limit per design, else what is over it. */
    String designProblem(JsonNode design) {
        long objects = count(design, "namespaces") + count(design, "bridges") + count(design, "tuns") + count(design, "veths");
        if (objects <= limits.designObjects()) return null;
        return "the design has " + objects + " namespaces, bridges, TUN devices and veth pairs; this helper takes at most "
                + limits.designObjects() + " in one design (nslab helper --max-design-objects)";
    }

    /** Null when the caller's labs with {@code design} stay within the limit per user, else by how much they do not. */
    String userProblem(Topology design, int uid, List<Topology> otherLabs) {
        if (uid == RequestHandler.ROOT) return null;
        long others = otherLabs.stream().mapToLong(DesignBounds::objects).sum();
        long total = others + objects(design);
        if (total <= limits.userObjects()) return null;
        return "uid " + uid + " would have " + total + " namespaces, bridges, TUN devices and veth pairs in its labs (" + others
                + " applied already); one user may have at most " + limits.userObjects()
                + " (nslab helper --max-user-objects); tear down a lab first";
    }

    /** Binds and validates, waiting for a turn so that only a few designs are held in memory at once. */
    LoadResult load(JsonNode design) {
        loads.acquireUninterruptibly();
        try {
            return ProtocolJson.loadDesign(design);
        } finally {
            loads.release();
        }
    }

    static long objects(Topology t) {
        return (long) t.namespaces().size() + t.bridges().size() + t.tuns().size() + t.veths().size();
    }

    private static long count(JsonNode design, String field) {
        JsonNode n = design.get(field);
        return n == null || !(n.isObject() || n.isArray()) ? 0 : n.size();
    }
}
