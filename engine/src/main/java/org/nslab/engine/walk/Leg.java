package org.nslab.engine.walk;

import java.util.List;
import org.nslab.engine.netfilter.Hook;
import org.nslab.engine.netfilter.Table;

/**
 * One direction of a walk: the request, or the answer to it. {@code namespace} is where it ended (delivered,
 * dropped, no route...); {@code iface} the interface it arrived on when delivered; {@code deciding} the step that
 * decided when a rule or policy did (null otherwise); {@code reason} says why in words.
 */
public record Leg(Direction direction, Outcome outcome, String namespace, String iface, Step deciding, String reason,
        List<Step> steps, Packet packet) {

    /** The request, its answer, or the error a REJECT of the request sent back. */
    public enum Direction { REQUEST, REPLY, ERROR }

    public Leg {
        steps = List.copyOf(steps);
    }

    public boolean delivered() {
        return outcome == Outcome.DELIVERED;
    }

    /** Where the deciding rule or policy sits, as {@code ns: table chain #n}, or null. */
    public String decidingPlace() {
        if (deciding == null) return null;
        Hook h = deciding.hook();
        Table t = deciding.table();
        return deciding.namespace() + ": " + (t == null ? "" : t.iptablesName() + " ") + deciding.chain()
                + (deciding.rule() == null ? " policy" : " rule " + deciding.rule()) + (h == null ? "" : " (at " + h + ")");
    }
}
