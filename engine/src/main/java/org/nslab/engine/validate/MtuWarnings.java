package org.nslab.engine.validate;

import static org.nslab.engine.validate.Report.q;

import java.util.List;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Placement;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.problem.JsonPointer;

/**
 * Frames that cross machines carry 50 more bytes (70 over IPv6): an MTU that leaves no room for them makes the
 * underlay drop every full-size frame silently, which looks like a lab that pings but cannot carry a TCP transfer.
 */
final class MtuWarnings {
    private MtuWarnings() {}

    static int limit(Topology t, List<String> machines) {
        return Placement.of(t).vxlanMtu(machines);
    }

    static void check(Topology t, Report r) {
        Placement place = Placement.of(t);
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            if (v == null || v.a() == null || v.b() == null || !place.crosses(v)) continue;
            int limit = limit(t, List.of(place.end(v, true), place.end(v, false)));
            String between = "between " + q(place.end(v, true)) + " and " + q(place.end(v, false));
            for (boolean a : new boolean[] {true, false}) {
                VethEnd e = a ? v.a() : v.b();
                if (e.mtu() != null && e.mtu() > limit) {
                    r.add(JsonPointer.child(JsonPointer.child("/veths/" + i, a ? "a" : "b"), "mtu"), "MTU " + e.mtu()
                            + " leaves no room for the VXLAN header on the underlay " + between + "; use \"mtu\": " + limit
                            + " (larger frames are dropped)");
                }
            }
        }
        t.bridges().forEach((id, b) -> spreadBridge(t, place, id, b, r));
    }

    private static void spreadBridge(Topology t, Placement place, String id, Bridge b, Report r) {
        List<String> on = place.bridgeMachines(id);
        if (on.size() < 2) return;
        int limit = limit(t, on);
        String why = "bridge " + q(id) + " is spread over " + String.join(", ", on) + " and its VXLAN port carries frames of at most "
                + limit + " bytes";
        if (b.mtu() != null && b.mtu() > limit) {
            r.add(JsonPointer.child(JsonPointer.child("/bridges", id), "mtu"), "MTU " + b.mtu() + ": " + why + "; use \"mtu\": " + limit);
        }
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            if (v == null || v.a() == null || v.b() == null) continue;
            if (!id.equals(v.a().bridge()) && !id.equals(v.b().bridge())) continue;
            for (boolean a : new boolean[] {true, false}) {
                VethEnd e = a ? v.a() : v.b();
                if (e.mtu() != null && e.mtu() <= limit) continue;
                String p = JsonPointer.child("/veths/" + i, a ? "a" : "b");
                r.add(e.mtu() == null ? p : JsonPointer.child(p, "mtu"), (e.mtu() == null ? "the default MTU 1500" : "MTU " + e.mtu())
                        + ": " + why + "; set \"mtu\": " + limit + " on both ends of this pair");
            }
        }
    }
}
