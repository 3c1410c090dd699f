package org.nslab.engine.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;

/**
 * What a user's edit leaves dangling, removed as the designer's user would: links to a deleted node, routes whose
 * device or gateway subnet went away, sysctls of a deleted interface, hosts names that became node ids, layout of
 * nodes that are gone.
 */
final class Tidy {
    private Tidy() {}

    static Topology of(Topology t) {
        Set<String> namespaces = new HashSet<>(t.namespaces().keySet());
        namespaces.add(Topology.HOST);
        Map<String, Bridge> bridges = new TreeMap<>(t.bridges());
        bridges.values().removeIf(b -> !namespaces.contains(b.namespaceOrHost()));
        Map<String, Tun> tuns = new TreeMap<>(t.tuns());
        tuns.values().removeIf(d -> !namespaces.contains(d.namespaceOrHost()));
        List<Veth> veths = new ArrayList<>();
        for (Veth v : t.veths()) if (attached(v.a(), namespaces, bridges) && attached(v.b(), namespaces, bridges)) veths.add(v);
        Topology out = t.withBridges(bridges).withTuns(tuns).withVeths(veths);
        Wiring wiring = Wiring.of(out);
        Set<String> nodeIds = new HashSet<>(out.namespaces().keySet());
        nodeIds.addAll(bridges.keySet());
        Map<String, Namespace> nss = new TreeMap<>();
        out.namespaces().forEach((id, ns) -> {
            Namespace n = ns.withRoutes(routes(id, ns.routes(), wiring)).withSysctls(sysctls(id, ns.sysctls(), wiring));
            Map<String, List<String>> hosts = new TreeMap<>(n.hosts());
            hosts.keySet().removeIf(nodeIds::contains);
            n = n.withHosts(hosts);
            if (Topology.HOST.equals(id) && n.routes().isEmpty() && n.sysctls().isEmpty() && n.firewall() == null && n.firewall6() == null) return;
            nss.put(id, n);
        });
        out = out.withNamespaces(nss);
        Set<String> nodes = new HashSet<>(nss.keySet());
        nodes.addAll(bridges.keySet());
        nodes.addAll(tuns.keySet());
        Map<String, org.nslab.engine.model.Position> layout = new TreeMap<>(out.layout());
        layout.keySet().removeIf(k -> !nodes.contains(k));
        return out.withLayout(layout);
    }

    private static boolean attached(VethEnd e, Set<String> namespaces, Map<String, Bridge> bridges) {
        return e.namespace() != null ? namespaces.contains(e.namespace()) : bridges.containsKey(e.bridge());
    }

    static List<Route> routes(String ns, List<Route> routes, Wiring wiring) {
        List<Route> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Route r : routes) {
            Wiring.Iface dev = r.dev() == null ? null : wiring.find(ns, r.dev()).orElse(null);
            if (r.dev() != null && (dev == null || !dev.up() || dev.port() && isIpv6(r))) continue;
            if (r.via() != null) {
                IpAddress via = IpAddress.parse(r.via());
                if (!via.isLinkLocal6()) {
                    boolean reachable = dev != null ? dev.addresses().stream().anyMatch(c -> c.contains(via) && !c.address().equals(via))
                            : wiring.connected(ns, via).filter(i -> i.addresses().stream().noneMatch(c -> c.address().equals(via))).isPresent();
                    if (!reachable) continue;
                }
            }
            String family = r.via() != null ? IpAddress.parse(r.via()).family().name()
                    : Route.DEFAULT.equals(r.to()) ? "IPV4" : Cidr.parse(r.to()).family().name();
            String key = (Route.DEFAULT.equals(r.to()) ? "default/" + family : r.to()) + " " + (r.metric() == null ? 0 : r.metric());
            if (keys.add(key)) out.add(r);
        }
        return out;
    }

    private static boolean isIpv6(Route r) {
        return r.via() != null ? r.via().contains(":") : r.to().contains(":");
    }

    static Map<String, String> sysctls(String ns, Map<String, String> sysctls, Wiring wiring) {
        Map<String, String> out = new TreeMap<>(sysctls);
        out.keySet().removeIf(k -> {
            String iface = interfaceOf(k);
            return iface != null && !wiring.taken(ns, iface);
        });
        return out;
    }

    /** The interface a per-interface sysctl names ({@code net.ipv4.conf.eth0.forwarding}), or null. */
    static String interfaceOf(String key) {
        for (String prefix : List.of("net.ipv4.conf.", "net.ipv6.conf.")) {
            if (!key.startsWith(prefix)) continue;
            String rest = key.substring(prefix.length());
            int dot = rest.lastIndexOf('.');
            String iface = dot < 0 ? rest : rest.substring(0, dot);
            return iface.equals("all") || iface.equals("default") ? null : iface;
        }
        return null;
    }
}
