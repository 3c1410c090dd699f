package org.nslab.engine.generate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;

/** What a generated namespace holds besides its interfaces: sysctls, routes, firewalls, host name, hosts, run. */
final class Inside {
    /** Per-namespace sysctls and the values a user would write; none of them takes addresses away. */
    static final Map<String, List<String>> SYSCTLS = Map.of(
            "net.ipv4.ip_forward", List.of("0", "1"),
            "net.ipv6.conf.all.forwarding", List.of("0", "1"),
            "net.ipv4.conf.all.rp_filter", List.of("0", "1", "2"),
            "net.ipv4.icmp_echo_ignore_all", List.of("0", "1"),
            "net.ipv4.conf.default.accept_redirects", List.of("0", "1"),
            "net.ipv4.tcp_syncookies", List.of("0", "1", "2"),
            "net.ipv4.ping_group_range", List.of("0 2147483647", "1 0"),
            "net.core.somaxconn", List.of("128", "4096"));
    static final List<String> HOST_NAMES = List.of("gw", "db.lab.test", "svc-1", "printer", "ntp.example");

    private final Naming naming;
    private final Random rnd;

    Inside(Naming naming, Random rnd) {
        this.naming = naming;
        this.rnd = rnd;
    }

    Namespace fill(String id, Namespace ns, Topology t, Wiring wiring, DesignGenerator.Options options) {
        if (rnd.nextBoolean()) ns = ns.withSysctls(sysctls(id, wiring, rnd.nextInt(3) + 1));
        ns = ns.withRoutes(routes(id, wiring, rnd.nextInt(4)));
        if (rnd.nextInt(5) < 3) ns = ns.withFirewall(new RandomRules(rnd, Family.IPV4, naming, wiring.names(id), false).firewall());
        if (rnd.nextInt(3) == 0) ns = ns.withFirewall6(new RandomRules(rnd, Family.IPV6, naming, wiring.names(id), false).firewall());
        if (rnd.nextInt(3) == 0) ns = ns.withHostname(hostname());
        if (rnd.nextInt(3) == 0) ns = ns.withHosts(hosts(wiring, 1 + rnd.nextInt(2)));
        if (rnd.nextInt(3) == 0) ns = ns.withRun(run(1 + rnd.nextInt(2)));
        return ns;
    }

    /** Routes from host into the lab (through the lab's own interfaces in host), a per-interface sysctl, rules. */
    Namespace host(Topology t, Wiring wiring) {
        Namespace host = Namespace.empty();
        List<Route> routes = routes(Topology.HOST, wiring, 1 + rnd.nextInt(2)).stream().filter(r -> !Route.DEFAULT.equals(r.to())).toList();
        host = host.withRoutes(routes);
        List<String> ours = wiring.in(Topology.HOST).stream().map(Wiring.Iface::name).toList();
        if (!ours.isEmpty() && rnd.nextBoolean()) {
            host = host.withSysctls(Map.of("net.ipv4.conf." + ours.get(rnd.nextInt(ours.size())) + ".forwarding", rnd.nextBoolean() ? "1" : "0"));
        }
        if (rnd.nextInt(3) == 0) host = host.withFirewall(new RandomRules(rnd, Family.IPV4, naming, Set.copyOf(ours), true).firewall());
        return host.sysctls().isEmpty() && host.routes().isEmpty() && host.firewall() == null ? null : host;
    }

    String hostname() {
        String[] names = {"red-host", "r1", "x", "box-9", "A1"};
        return names[rnd.nextInt(names.length)] + (rnd.nextBoolean() ? "" : "-" + rnd.nextInt(100));
    }

    Map<String, List<String>> hosts(Wiring wiring, int n) {
        Map<String, List<String>> hosts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            List<String> addresses = new ArrayList<>();
            addresses.add(naming.v4(rnd.nextInt(250), 1 + rnd.nextInt(250)));
            if (rnd.nextBoolean()) addresses.add(naming.v6(rnd.nextInt(250), 1 + rnd.nextInt(250)));
            hosts.put(HOST_NAMES.get(rnd.nextInt(HOST_NAMES.size())), addresses);
        }
        return hosts;
    }

    List<List<String>> run(int n) {
        List<List<String>> run = new ArrayList<>();
        for (int i = 0; i < n; i++) run.add(runEntry(rnd));
        return run;
    }

    static List<String> runEntry(Random rnd) {
        // Long sleeps: a process that stays up until teardown stops it, with arguments that tell entries apart.
        return switch (rnd.nextInt(3)) {
            case 0 -> List.of("sleep", Integer.toString(100000 + rnd.nextInt(900000)));
            case 1 -> List.of("sleep", (1 + rnd.nextInt(30)) + "d");
            default -> List.of("sleep", Integer.toString(50000 + rnd.nextInt(9000)), Integer.toString(50000 + rnd.nextInt(9000)));
        };
    }

    Map<String, String> sysctls(String id, Wiring wiring, int n) {
        Map<String, String> out = new TreeMap<>();
        List<String> keys = new ArrayList<>(new java.util.TreeSet<>(SYSCTLS.keySet()));
        for (int i = 0; i < n; i++) {
            String key = keys.get(rnd.nextInt(keys.size()));
            List<String> values = SYSCTLS.get(key);
            out.put(key, values.get(rnd.nextInt(values.size())));
        }
        List<Wiring.Iface> ifaces = wiring.in(id);
        if (!ifaces.isEmpty() && rnd.nextInt(4) == 0) {
            String iface = ifaces.get(rnd.nextInt(ifaces.size())).name();
            out.put((rnd.nextBoolean() ? "net.ipv4.conf." : "net.ipv6.conf.") + iface + ".forwarding", rnd.nextBoolean() ? "1" : "0");
        }
        return out;
    }

    /**
     * Up to {@code n} routes the kernel takes: gateways on a connected subnet of an up interface (sometimes with
     * {@code dev}), device routes over up interfaces, an IPv6 link-local gateway with its device, metrics.
     */
    List<Route> routes(String id, Wiring wiring, int n) {
        List<Route> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<Wiring.Iface> up = wiring.in(id).stream().filter(Wiring.Iface::up).toList();
        if (up.isEmpty()) return out;
        for (int i = 0; i < n * 2 && out.size() < n; i++) {
            Wiring.Iface iface = up.get(rnd.nextInt(up.size()));
            // A bridge port has no IPv6 of its own (the bridge carries it).
            Family family = rnd.nextInt(3) == 0 && !iface.port() ? Family.IPV6 : Family.IPV4;
            Cidr own = iface.addresses().stream().filter(c -> c.family() == family).findFirst().orElse(null);
            String to = destination(family, own, wiring.in(id));
            Integer metric = rnd.nextInt(3) == 0 ? new int[] {10, 100, 1024}[rnd.nextInt(3)] : null;
            Route r;
            int kind = rnd.nextInt(5);
            if (own != null && kind < 3) {
                String via = gateway(own);
                r = new Route(to, via, kind == 0 ? iface.name() : null, metric);
            } else if (family == Family.IPV6 && kind == 3 && !Route.DEFAULT.equals(to)) {
                r = new Route(to, "fe80::" + Integer.toHexString(1 + rnd.nextInt(200)), iface.name(), metric);
            } else {
                if (Route.DEFAULT.equals(to) && family == Family.IPV6) continue; // a bare default is IPv4
                r = new Route(to, null, iface.name(), metric);
            }
            String key = (Route.DEFAULT.equals(to) ? "default/" + family : to) + " " + (metric == null ? 0 : metric);
            if (keys.add(key)) out.add(r);
        }
        return out;
    }

    /** A neighbour's address in {@code own}'s subnet: host 200 and up, which no generated interface holds. */
    String gateway(Cidr own) {
        int host = 200 + rnd.nextInt(50);
        int subnet = naming.subnetOf(own.toString());
        return own.family() == Family.IPV4 ? naming.v4(subnet, host) : naming.v6(subnet, host);
    }

    /** {@code default}, or a subnet of the lab this namespace is not connected to. */
    String destination(Family family, Cidr own, List<Wiring.Iface> connected) {
        if (own != null && rnd.nextInt(5) == 0) return Route.DEFAULT;
        Set<Integer> used = new HashSet<>();
        for (Wiring.Iface i : connected) for (Cidr c : i.addresses()) used.add(naming.subnetOf(c.toString()));
        int subnet;
        do subnet = 100 + rnd.nextInt(150); while (used.contains(subnet));
        return family == Family.IPV4 ? naming.v4Subnet(subnet) : naming.v6Subnet(subnet);
    }

    static boolean inSubnetOf(List<Wiring.Iface> ifaces, IpAddress a) {
        return ifaces.stream().anyMatch(i -> i.addresses().stream().anyMatch(c -> c.contains(a)));
    }
}
