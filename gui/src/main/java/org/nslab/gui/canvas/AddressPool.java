package org.nslab.gui.canvas;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;

/**
 * Proposes interface names and IPv4 addresses for a new veth pair, so a drag between two nodes gives a working
 * link at once. Point-to-point links get a fresh 10.0.N.0/24; an end facing a bridge joins the bridge's
 * subnet when one is in use on it. Names are unique in the namespace they live in (a bridge's ports live in
 * the bridge's namespace); ends in the host never take names like {@code eth0} that a machine has already.
 */
public final class AddressPool {
    static final int IFNAMSIZ = 15;

    private AddressPool() {}

    public static Veth propose(Topology t, String aNode, NodeKind aKind, String bNode, NodeKind bKind) {
        Set<String> used = usedSubnets(t);
        String aSubnet = subnetFor(t, aKind, bNode, bKind);
        String bSubnet = subnetFor(t, bKind, aNode, aKind);
        String shared = aSubnet != null ? aSubnet : bSubnet;
        if (shared == null && (aKind != NodeKind.BRIDGE || bKind != NodeKind.BRIDGE)) shared = freshSubnet(used);
        Set<String> taken = usedAddresses(t);
        VethEnd a = end(t, aNode, aKind, bNode, aKind == NodeKind.BRIDGE ? null : shared, taken, null);
        VethEnd b = end(t, bNode, bKind, aNode, bKind == NodeKind.BRIDGE ? null : shared, taken, a);
        return new Veth(a, b);
    }

    private static VethEnd end(Topology t, String node, NodeKind kind, String peer, String subnet, Set<String> taken,
                               VethEnd other) {
        String ns = kind == NodeKind.BRIDGE ? bridgeNamespace(t, node) : node;
        Set<String> names = interfaceNames(t, ns);
        if (other != null && ns.equals(other.namespace() != null ? other.namespace() : bridgeNamespace(t, other.bridge()))) {
            names.add(other.name());
        }
        String name;
        if (kind == NodeKind.NAMESPACE) {
            name = firstFree(names, "eth");
        } else {
            name = unique(names, truncate(peer + "-" + node));
        }
        List<String> addresses = new ArrayList<>();
        if (subnet != null) {
            String address = freeHost(subnet, taken);
            if (address != null) {
                taken.add(address.substring(0, address.indexOf('/')));
                addresses.add(address);
            }
        }
        boolean bridge = kind == NodeKind.BRIDGE;
        return new VethEnd(bridge ? null : node, bridge ? node : null, name, addresses, null, null, null);
    }

    private static String bridgeNamespace(Topology t, String bridge) {
        Bridge b = t.bridges().get(bridge);
        return b == null ? Topology.HOST : b.namespaceOrHost();
    }

    /** Every interface name already used in namespace {@code ns}. */
    static Set<String> interfaceNames(Topology t, String ns) {
        Set<String> names = new HashSet<>();
        names.add("lo");
        t.bridges().forEach((id, b) -> {
            if (b.namespaceOrHost().equals(ns)) names.add(b.ifnameOr(id));
        });
        t.tuns().forEach((id, u) -> {
            if (u.namespaceOrHost().equals(ns)) names.add(u.ifnameOr(id));
        });
        for (Veth v : t.veths()) {
            for (VethEnd e : new VethEnd[] {v.a(), v.b()}) {
                if (e != null && e.name() != null && ns.equals(e.namespaceIn(t))) names.add(e.name());
            }
        }
        return names;
    }

    private static String firstFree(Set<String> names, String prefix) {
        for (int i = 0; ; i++) if (!names.contains(prefix + i)) return prefix + i;
    }

    static String unique(Set<String> names, String base) {
        if (!names.contains(base)) return base;
        for (int i = 2; ; i++) {
            String suffix = String.valueOf(i);
            String candidate = base.substring(0, Math.min(base.length(), IFNAMSIZ - suffix.length())) + suffix;
            if (!names.contains(candidate)) return candidate;
        }
    }

    private static String truncate(String name) {
        return name.length() <= IFNAMSIZ ? name : name.substring(0, IFNAMSIZ);
    }

    /**
     * The subnet an end on node {@code node} should join: when it faces a bridge, the subnet already used by
     * another port of that bridge (or the bridge's own address); otherwise null.
     */
    private static String subnetFor(Topology t, NodeKind kind, String peer, NodeKind peerKind) {
        if (kind == NodeKind.BRIDGE || peerKind != NodeKind.BRIDGE) return null;
        Bridge b = t.bridges().get(peer);
        if (b != null) {
            for (String a : b.addresses()) if (network(a) != null) return network(a);
        }
        for (Veth v : t.veths()) {
            VethEnd port = peer.equals(v.a().bridge()) ? v.a() : peer.equals(v.b().bridge()) ? v.b() : null;
            if (port == null) continue;
            VethEnd far = port == v.a() ? v.b() : v.a();
            for (String a : far.addresses()) if (network(a) != null) return network(a);
        }
        return null;
    }

    private static Set<String> usedSubnets(Topology t) {
        Set<String> nets = new HashSet<>();
        for (String a : allAddresses(t)) {
            String n = network(a);
            if (n != null) nets.add(n);
        }
        return nets;
    }

    private static Set<String> usedAddresses(Topology t) {
        Set<String> hosts = new HashSet<>();
        for (String a : allAddresses(t)) hosts.add(a.contains("/") ? a.substring(0, a.indexOf('/')) : a);
        return hosts;
    }

    private static List<String> allAddresses(Topology t) {
        List<String> all = new ArrayList<>();
        for (Veth v : t.veths()) {
            if (v.a() != null) all.addAll(v.a().addresses());
            if (v.b() != null) all.addAll(v.b().addresses());
        }
        for (Bridge b : t.bridges().values()) all.addAll(b.addresses());
        for (Tun u : t.tuns().values()) all.addAll(u.addresses());
        return all;
    }

    private static String freshSubnet(Set<String> used) {
        for (int n = 1; n < 256 * 256; n++) {
            String net = "10." + (n / 256) + "." + (n % 256) + ".0/24";
            if (!used.contains(net)) {
                used.add(net);
                return net;
            }
        }
        throw new IllegalStateException("10.0.0.0/8 exhausted");
    }

    private static String freeHost(String subnet, Set<String> taken) {
        String prefix = subnet.substring(0, subnet.lastIndexOf('.') + 1);
        for (int h = 1; h < 255; h++) {
            if (!taken.contains(prefix + h)) return prefix + h + "/24";
        }
        return null;
    }

    /** The /24 network of an IPv4 CIDR such as {@code 10.0.1.2/24}, or null for anything else. */
    static String network(String cidr) {
        return Cidr.tryParse(cidr).filter(c -> c.family() == Family.IPV4 && c.prefixLength() == 24)
                .map(c -> c.network().toString()).orElse(null);
    }
}
