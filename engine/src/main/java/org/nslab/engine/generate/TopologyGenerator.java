package org.nslab.engine.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * Generated designs of any size, for benchmarks and scaling tests. Each shape matches a peer's
 * well-known topology so figures compare like with like.
 */
public final class TopologyGenerator {
    private TopologyGenerator() {}

    /** N namespaces, each with a veth to one bridge in host and an address in 10.0.0.0/16. */
    public static Topology star(String lab, int n) {
        Map<String, Namespace> namespaces = new LinkedHashMap<>();
        List<Veth> veths = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String ns = "h" + i;
            namespaces.put(ns, Namespace.empty());
            veths.add(new Veth(
                    end(ns, null, "eth0", hostAddress(i) + "/16"),
                    end(null, "br0", lab + "-" + i, null)));
        }
        Bridge br = new Bridge(null, lab + "-br", List.of("10.0.255.254/16"), null, null);
        return Topology.empty(lab).withNamespaces(namespaces).withBridges(Map.of("br0", br)).withVeths(veths);
    }

    /**
     * Mininet's {@code linear,K} on Linux bridges: K hosts, K bridges in a chain, 2K−1 links; hosts in 10.0.0.0/8
     * as Mininet numbers them.
     */
    public static Topology linear(String lab, int k) {
        Map<String, Namespace> namespaces = new LinkedHashMap<>();
        Map<String, Bridge> bridges = new LinkedHashMap<>();
        List<Veth> veths = new ArrayList<>(2 * k - 1);
        for (int i = 1; i <= k; i++) {
            namespaces.put("h" + i, Namespace.empty());
            bridges.put("s" + i, new Bridge(null, lab + "-s" + i, null, null, null));
            veths.add(new Veth(end("h" + i, null, "h" + i + "-eth0", "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255) + "/8"),
                    end(null, "s" + i, lab + "-s" + i + "h", null)));
            if (i > 1) {
                veths.add(new Veth(end(null, "s" + (i - 1), lab + "-s" + (i - 1) + "r", null),
                        end(null, "s" + i, lab + "-s" + i + "l", null)));
            }
        }
        return Topology.empty(lab).withNamespaces(namespaces).withBridges(bridges).withVeths(veths);
    }

    /**
     * A chain of N router namespaces between two hosts: each router has two veths, forwarding on, a route
     * to each end host's subnet, and ten iptables rules.
     */
    public static Topology routers(String lab, int n) {
        Map<String, Namespace> namespaces = new LinkedHashMap<>();
        List<Veth> veths = new ArrayList<>(n + 1);
        String left = subnet(0);
        String right = subnet(n);
        namespaces.put("left", Namespace.empty().withRoutes(List.of(new Route("default", gateway(0), null, null))));
        namespaces.put("right", Namespace.empty().withRoutes(List.of(new Route("default", peer(n), null, null))));
        for (int i = 1; i <= n; i++) {
            List<Route> routes = new ArrayList<>();
            if (i > 1) routes.add(new Route(left, peer(i - 1), null, null));
            if (i < n) routes.add(new Route(right, gateway(i), null, null));
            namespaces.put("r" + i, Namespace.empty()
                    .withSysctls(Map.of("net.ipv4.ip_forward", "1"))
                    .withRoutes(routes)
                    .withFirewall(routerFirewall(left, right)));
        }
        // Link j joins position j (left host or router j) to position j+1 (router j+1 or right host).
        for (int j = 0; j <= n; j++) {
            String from = j == 0 ? "left" : "r" + j;
            String to = j == n ? "right" : "r" + (j + 1);
            veths.add(new Veth(end(from, null, "eth-r", peer(j) + "/24"), end(to, null, "eth-l", gateway(j) + "/24")));
        }
        return Topology.empty(lab).withNamespaces(namespaces).withVeths(veths);
    }

    private static Firewall routerFirewall(String left, String right) {
        List<Rule> forward = List.of(
                rule("tcp", left, right, "22", "ACCEPT"),
                rule("tcp", left, right, "80", "ACCEPT"),
                rule("tcp", left, right, "443", "ACCEPT"),
                rule("udp", left, right, "53", "ACCEPT"),
                rule("icmp", null, null, null, "ACCEPT"),
                rule("tcp", right, left, "8080", "DROP"),
                rule("udp", right, left, "161", "DROP"),
                rule("all", null, null, null, "ACCEPT"));
        List<Rule> input = List.of(rule("icmp", null, null, null, "ACCEPT"), rule("tcp", null, null, "22", "ACCEPT"));
        return Firewall.of(Map.of("filter", Map.of(
                "FORWARD", new Chain("ACCEPT", forward),
                "INPUT", new Chain("ACCEPT", input))));
    }

    private static Rule rule(String proto, String source, String destination, String dport, String target) {
        return new Rule(proto, source, destination, null, null, null, dport, null, null, null, target,
                null, null, null, null, null, null, null);
    }

    private static VethEnd end(String namespace, String bridge, String name, String address) {
        return new VethEnd(namespace, bridge, name, address == null ? null : List.of(address), null, null, null);
    }

    private static String hostAddress(int i) {
        return "10.0." + (i >> 8) + "." + (i & 255);
    }

    /** The /24 of link j: 10.a.b.0/24. */
    private static String subnet(int j) {
        return "10." + (100 + (j >> 8)) + "." + (j & 255) + ".0/24";
    }

    /** Address .1 of link j (the left side's end). */
    private static String peer(int j) {
        return "10." + (100 + (j >> 8)) + "." + (j & 255) + ".1";
    }

    /** Address .2 of link j (the right side's end). */
    private static String gateway(int j) {
        return "10." + (100 + (j >> 8)) + "." + (j & 255) + ".2";
    }
}
