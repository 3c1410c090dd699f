package org.nslab.engine.walk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;

/**
 * A valid design read once into what a walk needs: each namespace's interfaces (with {@code lo}), its routes
 * (the design's plus the connected subnet of every address, as the kernel adds them), its sysctls and its
 * compiled firewalls; veth peers and bridge ports linked. Built once, walked many times.
 */
final class Network {
    enum Kind { LOOPBACK, VETH, BRIDGE, TUN }

    static final class Iface {
        final Node node;
        final String name;
        final Kind kind;
        final List<Cidr> addresses;
        final boolean up;
        /** For a veth end that is a bridge port: the bridge it belongs to. */
        BridgeNode portOf;
        /** For a bridge device: its bridge. */
        BridgeNode bridge;
        Iface peer;
        /** For a veth end: the pair's index in the design's {@code veths}; -1 otherwise. */
        int veth = -1;
        /** Cached sysctl answers (a walk asks them for every packet): rp_filter, and the forwarding key per family. */
        int rpFilter = -1;
        final String[] notForwarding = new String[2];
        final boolean[] forwardingKnown = new boolean[2];

        Iface(Node node, String name, Kind kind, List<Cidr> addresses, boolean up) {
            this.node = node;
            this.name = name;
            this.kind = kind;
            this.addresses = addresses;
            this.up = up;
        }

        @Override
        public String toString() {
            return node.id + ":" + name;
        }
    }

    record RouteEntry(Cidr to, IpAddress via, Iface dev, int metric, String text) {}

    static final class Node {
        final String id;
        final Namespace design;
        final Map<String, Iface> ifaces = new LinkedHashMap<>();
        final List<RouteEntry> routes = new ArrayList<>();
        final Map<Family, Firewalls.Compiled> firewalls = new LinkedHashMap<>();

        Node(String id, Namespace design) {
            this.id = id;
            this.design = design == null ? Namespace.empty() : design;
        }

        String sysctl(String key) {
            return design.sysctls().get(key);
        }

        /** Addresses of its interfaces that are up: local to it. */
        final java.util.Set<IpAddress> owned = new java.util.HashSet<>();

        boolean owns(IpAddress a) {
            return owned.contains(a) || a.isLoopback();
        }
    }

    static final class BridgeNode {
        final String id;
        final Node node;
        Iface device;
        final List<Iface> ports = new ArrayList<>();

        BridgeNode(String id, Node node) {
            this.id = id;
            this.node = node;
        }
    }

    final Topology topology;
    final Map<String, Node> nodes = new LinkedHashMap<>();
    final Map<String, BridgeNode> bridges = new LinkedHashMap<>();

    private Network(Topology topology) {
        this.topology = topology;
    }

    static Network of(Topology t) {
        Network n = new Network(t);
        n.node(Topology.HOST);
        t.namespaces().keySet().forEach(n::node);
        for (var e : t.bridges().entrySet()) {
            Bridge b = e.getValue();
            Node node = n.node(b.namespaceOrHost());
            BridgeNode bn = new BridgeNode(e.getKey(), node);
            bn.device = n.add(node, b.ifnameOr(e.getKey()), Kind.BRIDGE, b.addresses(), true);
            bn.device.bridge = bn;
            n.bridges.put(e.getKey(), bn);
        }
        for (var e : t.tuns().entrySet()) {
            Tun tun = e.getValue();
            n.add(n.node(tun.namespaceOrHost()), tun.ifnameOr(e.getKey()), Kind.TUN, tun.addresses(), tun.isUp());
        }
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            Iface a = n.end(v.a());
            Iface b = n.end(v.b());
            a.peer = b;
            b.peer = a;
            a.veth = i;
            b.veth = i;
        }
        for (Node node : n.nodes.values()) {
            for (Iface i : node.ifaces.values()) if (i.up) for (Cidr c : i.addresses) node.owned.add(c.address());
            n.routes(node);
        }
        for (Node node : n.nodes.values()) {
            for (Family f : Family.values()) node.firewalls.put(f, Firewalls.compile(f == Family.IPV4 ? node.design.firewall() : node.design.firewall6(), f));
        }
        return n;
    }

    private Node node(String id) {
        return nodes.computeIfAbsent(id, k -> {
            Node node = new Node(k, topology.namespaces().get(k));
            add(node, "lo", Kind.LOOPBACK, List.of("127.0.0.1/8", "::1/128"), true);
            return node;
        });
    }

    private Iface end(VethEnd end) {
        if (end.bridge() != null) {
            BridgeNode bn = bridges.get(end.bridge());
            Iface port = add(bn.node, end.name(), Kind.VETH, end.addresses(), end.isUp());
            port.portOf = bn;
            bn.ports.add(port);
            return port;
        }
        return add(node(end.namespace()), end.name(), Kind.VETH, end.addresses(), end.isUp());
    }

    private Iface add(Node node, String name, Kind kind, List<String> addresses, boolean up) {
        List<Cidr> parsed = addresses.stream().map(Cidr::parse).toList();
        Iface i = new Iface(node, name, kind, parsed, up);
        node.ifaces.put(name, i);
        return i;
    }

    /** The kernel's connected routes (one per address subnet, on interfaces that are up), then the design's. */
    private void routes(Node node) {
        for (Iface i : node.ifaces.values()) {
            if (!i.up || i.kind == Kind.LOOPBACK || i.portOf != null) continue;
            for (Cidr c : i.addresses) {
                int metric = c.family() == Family.IPV6 ? 256 : 0;
                node.routes.add(new RouteEntry(c.network(), null, i, metric, c.network() + " dev " + i.name + " (connected)"));
            }
        }
        for (Route r : node.design.routes()) {
            IpAddress via = r.via() == null ? null : IpAddress.parse(r.via());
            Family family = via != null ? via.family() : Route.DEFAULT.equals(r.to()) ? Family.IPV4 : Cidr.parse(r.to()).family();
            Cidr to = Route.DEFAULT.equals(r.to()) ? Cidr.of(IpAddress.parse(family == Family.IPV4 ? "0.0.0.0" : "::"), 0) : Cidr.parse(r.to());
            Iface dev = r.dev() != null ? node.ifaces.get(r.dev()) : gatewayInterface(node, via);
            if (dev == null || !dev.up) continue;
            int metric = r.metric() == null ? 0 : r.metric();
            if (family == Family.IPV6 && metric == 0) metric = 1024;
            String text = (Route.DEFAULT.equals(r.to()) ? "default" : to.toString()) + (via == null ? "" : " via " + via)
                    + " dev " + dev.name + (r.metric() == null ? "" : " metric " + r.metric());
            node.routes.add(new RouteEntry(to, via, dev, metric, text));
        }
    }

    /** The interface whose subnet holds the gateway, as the kernel picks it for a route without {@code dev}. */
    private static Iface gatewayInterface(Node node, IpAddress via) {
        if (via == null) return null;
        for (Iface i : node.ifaces.values()) {
            if (!i.up || i.kind == Kind.LOOPBACK) continue;
            for (Cidr c : i.addresses) if (c.contains(via) && !c.address().equals(via)) return i;
        }
        return null;
    }

    /** Longest prefix, then lowest metric, then the first listed (connected before the design's). */
    static RouteEntry lookup(Node node, IpAddress dst) {
        RouteEntry best = null;
        for (RouteEntry r : node.routes) {
            if (!r.to().contains(dst)) continue;
            if (best == null || r.to().prefixLength() > best.to().prefixLength()
                    || r.to().prefixLength() == best.to().prefixLength() && r.metric() < best.metric()) {
                best = r;
            }
        }
        return best;
    }

    /** The source address the kernel picks on {@code dev} for a next hop: one in its subnet, else the first. */
    static IpAddress sourceFor(Node node, Iface dev, IpAddress nextHop) {
        Family f = nextHop.family();
        for (Cidr c : dev.addresses) if (c.contains(nextHop)) return c.address();
        for (Cidr c : dev.addresses) if (c.family() == f && !c.address().isLoopback()) return c.address();
        List<Iface> others = new ArrayList<>(node.ifaces.values());
        others.sort(Comparator.comparing(i -> i.kind == Kind.LOOPBACK));
        for (Iface i : others) {
            if (!i.up) continue;
            for (Cidr c : i.addresses) if (c.family() == f && !c.address().isLoopback()) return c.address();
        }
        return null;
    }
}
