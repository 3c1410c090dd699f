package org.nslab.helper.doctor;

import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;

/**
 * A lab subnet that collides with a network the host already routes: on a host-side interface it steals or
 * loses the host's own traffic; inside lab namespaces the lab cannot reach that host network.
 */
final class RouteOverlap {
    private RouteOverlap() {}

    /** Loopback, link-local and multicast: every host routes them, so an overlap there says nothing about the lab. */
    private static final List<Cidr> IGNORED = Stream.of("127.0.0.0/8", "169.254.0.0/16", "fe80::/10", "ff00::/8")
            .map(Cidr::parse).toList();

    static void check(Topology t, HostFacts f, List<Finding> out) {
        if (t == null) return;
        Set<String> labIfs = LabAddresses.hostInterfaces(t);
        Map<String, List<String>> hostSide = new LinkedHashMap<>();
        Map<String, List<String>> inLab = new LinkedHashMap<>();
        List<LabAddress> addresses = LabAddresses.of(t);
        // A subnet already reported on a host interface is not reported again for the namespaces on it.
        Set<Cidr> onHost = new HashSet<>();
        for (LabAddress a : addresses) if (Topology.HOST.equals(a.namespace())) onHost.add(a.prefix().network());
        for (LabAddress a : addresses) {
            Cidr net = a.prefix().network();
            if (ignorable(net) || (!Topology.HOST.equals(a.namespace()) && onHost.contains(net))) continue;
            for (HostRoute r : f.routes()) {
                if (r.destination().prefixLength() == 0 || labIfs.contains(r.device()) || r.device().equals("lo")) continue;
                if (ignorable(r.destination()) || (r.destination().family() == Family.IPV6 && r.destination().prefixLength() == 128)) continue;
                if (!net.overlaps(r.destination())) continue;
                String key = net + " (" + a.node() + " " + a.ifname() + " " + a.prefix() + ")";
                (Topology.HOST.equals(a.namespace()) ? hostSide : inLab).computeIfAbsent(key, k -> new ArrayList<>()).add(r.toString());
            }
        }
        if (!hostSide.isEmpty()) {
            out.add(new Finding("subnet-overlap-host", Severity.ERROR,
                    "A lab subnet on a host interface collides with a network the host already routes",
                    describe(hostSide),
                    "renumber the lab (e.g. into an unused 10.x.y.0/24 or fd00::/8 subnet); with both routes in place the host "
                            + "sends that network's traffic to whichever route wins, cutting off either the lab or the host's own network"));
        }
        if (!inLab.isEmpty()) {
            out.add(new Finding("subnet-overlap-lab", Severity.WARNING,
                    "A lab subnet collides with a network the host routes",
                    describe(inLab),
                    "renumber the lab into an unused subnet: as it is, the lab's namespaces cannot reach that host network "
                            + "(their own connected route wins), and addresses are ambiguous when the lab is routed or NATed to the host"));
        }
    }

    private static boolean ignorable(Cidr p) {
        return IGNORED.stream().anyMatch(n -> n.contains(p.address()));
    }

    private static String describe(Map<String, List<String>> hits) {
        List<String> parts = new ArrayList<>();
        hits.forEach((lab, routes) -> parts.add("lab " + lab + " overlaps host route " + String.join(", ", routes)));
        return String.join("; ", parts);
    }
}
