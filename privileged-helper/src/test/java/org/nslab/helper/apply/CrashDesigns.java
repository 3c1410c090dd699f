package org.nslab.helper.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
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
 * Small generated designs for the crash-point and refusal suites, and the changes a user makes to them: a few
 * namespaces in a mesh of veths, some on a host bridge, default routes through a neighbour, forwarding and other
 * sysctls, a firewall in some namespaces and in host, host names and hosts entries. Built from a spec, so a change
 * (a namespace removed with its links, a node added, an address or an MTU changed, a firewall dropped...) is a
 * change of the spec and the design stays valid. Kept small on purpose: the broad generator over the whole format
 * is the property suite's; this one only has to reach every kind of step apply, re-apply and teardown take.
 */
final class CrashDesigns {
    private CrashDesigns() {}

    record Node(int id, boolean hostname, boolean forward, Integer blockedPort, boolean onBridge, boolean hosts) {}

    record Link(int a, int b, int subnet, Integer mtu) {}

    record Spec(String lab, List<Node> nodes, List<Link> links, boolean hostFirewall, boolean hostForward, int rpFilter) {
        Spec withLab(String other) {
            return new Spec(other, nodes, links, hostFirewall, hostForward, rpFilter);
        }
    }

    /** A random spec for {@code lab} (a short name: host ports are called {@code <lab>p<id>}). */
    static Spec spec(String lab, Random rnd) {
        int n = 2 + rnd.nextInt(3);
        List<Node> nodes = new ArrayList<>();
        for (int i = 1; i <= n; i++) nodes.add(node(i, rnd));
        List<Link> links = new ArrayList<>();
        int subnet = 1;
        for (int i = 2; i <= n; i++) links.add(new Link(1 + rnd.nextInt(i - 1), i, subnet++, rnd.nextInt(4) == 0 ? 1400 : null));
        if (n > 2 && rnd.nextBoolean() && links.stream().noneMatch(l -> l.a() == 2 && l.b() == n)) links.add(new Link(2, n, subnet, null));
        return new Spec(lab, nodes, links, rnd.nextInt(3) == 0, rnd.nextInt(3) == 0, rnd.nextInt(3));
    }

    private static Node node(int id, Random rnd) {
        return new Node(id, rnd.nextBoolean(), rnd.nextBoolean(), rnd.nextInt(3) == 0 ? 22 + rnd.nextInt(3) : null,
                rnd.nextInt(3) == 0, rnd.nextInt(3) == 0);
    }

    /** One to three changes of the kinds users make; the result differs from {@code s}. */
    static Spec mutate(Spec s, Random rnd) {
        Spec out = s;
        int changes = 1 + rnd.nextInt(3);
        for (int i = 0; i < changes || out.equals(s); i++) out = change(out, rnd);
        return out;
    }

    private static Spec change(Spec s, Random rnd) {
        List<Node> nodes = new ArrayList<>(s.nodes());
        List<Link> links = new ArrayList<>(s.links());
        int pick = rnd.nextInt(nodes.size());
        Node x = nodes.get(pick);
        switch (rnd.nextInt(10)) {
            case 0, 1 -> {
                // A namespace goes, with every link it had (the re-apply deletes the namespace).
                if (nodes.size() <= 1) return s;
                nodes.remove(pick);
                links.removeIf(l -> l.a() == x.id() || l.b() == x.id());
            }
            case 2 -> {
                int id = nodes.stream().mapToInt(Node::id).max().orElse(0) + 1;
                int peer = nodes.get(rnd.nextInt(nodes.size())).id();
                nodes.add(node(id, rnd));
                links.add(new Link(peer, id, links.stream().mapToInt(Link::subnet).max().orElse(0) + 1, null));
            }
            case 3 -> nodes.set(pick, new Node(x.id(), !x.hostname(), x.forward(), x.blockedPort(), x.onBridge(), x.hosts()));
            case 4 -> nodes.set(pick, new Node(x.id(), x.hostname(), !x.forward(), x.blockedPort() == null ? 80 : null, x.onBridge(), !x.hosts()));
            case 5 -> nodes.set(pick, new Node(x.id(), x.hostname(), x.forward(), x.blockedPort(), !x.onBridge(), x.hosts()));
            case 6 -> {
                if (links.isEmpty()) return s;
                int l = rnd.nextInt(links.size());
                Link k = links.get(l);
                links.set(l, new Link(k.a(), k.b(), k.subnet() + 50, k.mtu()));
            }
            case 7 -> {
                if (links.isEmpty()) return s;
                int l = rnd.nextInt(links.size());
                Link k = links.get(l);
                links.set(l, new Link(k.a(), k.b(), k.subnet(), k.mtu() == null ? 1300 : null));
            }
            case 8 -> {
                return new Spec(s.lab(), nodes, links, !s.hostFirewall(), s.hostForward(), (s.rpFilter() + 1) % 3);
            }
            default -> {
                return new Spec(s.lab(), nodes, links, s.hostFirewall(), !s.hostForward(), s.rpFilter());
            }
        }
        return new Spec(s.lab(), nodes, links, s.hostFirewall(), s.hostForward(), s.rpFilter());
    }

    static Topology design(Spec s) {
        Map<String, Namespace> namespaces = new TreeMap<>();
        List<Veth> veths = new ArrayList<>();
        Map<Integer, String> gateway = new TreeMap<>();
        for (Link l : s.links()) {
            String base = "10." + (l.subnet() / 250) + "." + (l.subnet() % 250) + ".";
            veths.add(new Veth(new VethEnd("n" + l.a(), null, "e" + l.b(), List.of(base + "1/24"), null, l.mtu(), null),
                    new VethEnd("n" + l.b(), null, "e" + l.a(), List.of(base + "2/24"), null, l.mtu(), null)));
            gateway.putIfAbsent(l.b(), base + "1");
        }
        boolean bridge = s.nodes().stream().anyMatch(Node::onBridge);
        for (Node n : s.nodes()) {
            if (n.onBridge()) {
                veths.add(new Veth(new VethEnd("n" + n.id(), null, "br0", List.of("10.200.0." + n.id() + "/24"), null, null, null),
                        new VethEnd(null, "br", s.lab() + "p" + n.id(), List.of(), null, null, null)));
            }
        }
        for (Node n : s.nodes()) {
            TreeMap<String, String> sysctls = new TreeMap<>();
            if (n.forward()) sysctls.put("net.ipv4.ip_forward", "1");
            sysctls.put("net.ipv4.conf.all.rp_filter", String.valueOf(s.rpFilter()));
            List<Route> routes = new ArrayList<>();
            if (gateway.containsKey(n.id())) routes.add(new Route(Route.DEFAULT, gateway.get(n.id()), null, null));
            else if (n.onBridge()) routes.add(new Route("10.201.0.0/16", "10.200.0.254", null, 7));
            Firewall firewall = n.blockedPort() == null ? null : Firewall.of(Map.of("filter", Map.of("INPUT",
                    new Chain("ACCEPT", List.of(tcp(n.blockedPort(), "DROP"))))));
            TreeMap<String, List<String>> hosts = n.hosts() ? new TreeMap<>(Map.of("gw.lab.test", List.of("10.200.0.254"))) : null;
            namespaces.put("n" + n.id(), new Namespace(sysctls, routes, firewall, null, null,
                    n.hostname() ? "h" + n.id() + "-" + s.lab() : null, hosts, null));
        }
        if (s.hostFirewall() || s.hostForward()) {
            Firewall host = !s.hostFirewall() || !bridge ? null : Firewall.of(Map.of("filter", Map.of("FORWARD",
                    new Chain(null, List.of(new Rule(null, null, null, s.lab() + "-br", null, null, null, null, null, null, "ACCEPT",
                            null, null, null, null, null, null, "lab bridge"))))));
            TreeMap<String, String> sysctls = s.hostForward() ? new TreeMap<>(Map.of("net.ipv4.ip_forward", "1")) : null;
            if (host != null || sysctls != null) namespaces.put(Topology.HOST, new Namespace(sysctls, null, host, null, null));
        }
        Topology t = Topology.empty(s.lab()).withNamespaces(namespaces).withVeths(veths);
        if (bridge) t = t.withBridges(Map.of("br", new Bridge(null, s.lab() + "-br", List.of("10.200.0.254/24"), null, false)));
        return t;
    }

    private static Rule tcp(int port, String target) {
        return new Rule("tcp", null, null, null, null, null, String.valueOf(port), null, null, null, target, null, null, null, null,
                null, null, null);
    }
}
