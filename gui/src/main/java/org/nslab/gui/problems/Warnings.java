package org.nslab.gui.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;

/**
 * What is valid but probably not meant, shown in the Problems panel as warnings (apply is not stopped by them):
 * namespaces on one bridge whose addresses lie in different subnets reach each other only through a router; and the
 * engine's warnings ({@code Validator.warnings}).
 */
public final class Warnings {
    private Warnings() {}

    public static List<DesignProblem> of(Topology t) {
        // bridge -> family -> subnet -> who has an address in it
        Map<String, Map<Family, Map<String, TreeSet<String>>>> seen = new TreeMap<>();
        for (Veth v : t.veths()) {
            note(seen, v.a(), v.b());
            note(seen, v.b(), v.a());
        }
        List<DesignProblem> out = new ArrayList<>();
        // The engine's own warnings (MTUs without room for VXLAN between machines), as the command line prints them.
        org.nslab.engine.validate.Validator.warnings(t).forEach(w -> out.add(DesignProblem.warning(w.pointer(), w.message())));
        seen.forEach((bridge, families) -> families.forEach((family, subnets) -> {
            if (subnets.size() < 2) return;
            StringBuilder who = new StringBuilder();
            subnets.forEach((subnet, names) -> who.append(who.isEmpty() ? "" : ", ").append(String.join(" and ", names))
                    .append(" in ").append(subnet));
            out.add(DesignProblem.warning(Pointers.of("bridges", bridge),
                    "the namespaces on this bridge use different " + (family == Family.IPV4 ? "IPv4" : "IPv6") + " subnets (" + who
                            + "): they reach each other only through a router"));
        }));
        return out;
    }

    private static void note(Map<String, Map<Family, Map<String, TreeSet<String>>>> seen, VethEnd port, VethEnd peer) {
        if (port == null || peer == null || port.bridge() == null || peer.namespace() == null || peer.bridge() != null) return;
        for (String a : peer.addresses()) {
            Cidr c = Cidr.tryParse(a).orElse(null);
            if (c == null) continue;
            seen.computeIfAbsent(port.bridge(), k -> new TreeMap<>()).computeIfAbsent(c.family(), k -> new TreeMap<>())
                    .computeIfAbsent(c.network().toString(), k -> new TreeSet<>()).add(peer.namespace());
        }
    }
}
