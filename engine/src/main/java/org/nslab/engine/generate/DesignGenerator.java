package org.nslab.engine.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * Random valid designs over the whole format, from a seed (the same seed gives the same design): namespaces with
 * every option (kernel name, host name, hosts entries, startup processes, sysctls, routes with gateways, devices
 * and metrics, iptables and ip6tables rules over every match and target), bridges in {@code host} and in
 * namespaces, veth pairs between any two places (both ends in one namespace too), TUN and TAP devices, IPv4 and
 * IPv6 addresses, MACs, MTUs, links left down, and {@code netem} when {@link Options#netem} says the kernel has
 * it. Labs of consecutive seeds use disjoint names and addresses (see {@link Naming}), so they can be applied side
 * by side. {@link DesignMutator} changes such designs the way users do.
 */
public final class DesignGenerator {
    /** {@code netem}: whether links may be impaired (the kernel needs sch_netem); {@code maxNamespaces}: 1 or more. */
    public record Options(boolean netem, int maxNamespaces) {
        public static final Options DEFAULT = new Options(false, 5);

        public Options {
            if (maxNamespaces < 1) throw new IllegalArgumentException("maxNamespaces must be 1 or more");
        }
    }

    static final List<String> NAMESPACE_IDS = List.of("a", "b", "red", "blue", "r1", "r-2", "h_3", "sw", "core", "edge9");

    private DesignGenerator() {}

    public static Topology generate(long seed) {
        return generate(seed, Options.DEFAULT);
    }

    public static Topology generate(long seed, Options options) {
        Naming naming = Naming.of(seed);
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + 17);
        Draft d = new Draft(naming, rnd, options);
        d.nodes();
        d.links();
        Topology t = d.topology();
        Inside inside = new Inside(naming, rnd);
        Map<String, Namespace> namespaces = new TreeMap<>(t.namespaces());
        Wiring wiring = Wiring.of(t);
        for (String id : List.copyOf(namespaces.keySet())) namespaces.put(id, inside.fill(id, namespaces.get(id), t, wiring, options));
        if (rnd.nextInt(4) == 0) {
            Namespace host = inside.host(t, wiring);
            if (host != null) namespaces.put(Topology.HOST, host);
        }
        t = t.withNamespaces(namespaces);
        if (rnd.nextInt(3) == 0) t = t.withEtcHosts(rnd.nextBoolean());
        if (rnd.nextInt(4) == 0) t = t.withDescription("generated from seed " + seed);
        return t.withLayout(layout(t, rnd));
    }

    static Map<String, Position> layout(Topology t, Random rnd) {
        Map<String, Position> layout = new TreeMap<>();
        List<String> nodes = new ArrayList<>(t.namespaces().keySet());
        nodes.addAll(t.bridges().keySet());
        nodes.addAll(t.tuns().keySet());
        for (String n : nodes) if (rnd.nextInt(3) > 0) layout.put(n, new Position(rnd.nextInt(1200), rnd.nextInt(800)));
        return layout;
    }

    static Netem netem(Random rnd) {
        Double delay = rnd.nextBoolean() ? (double) (1 + rnd.nextInt(50)) : null;
        return new Netem(delay, delay != null && rnd.nextBoolean() ? (double) rnd.nextInt(5) : null,
                rnd.nextBoolean() ? rnd.nextInt(20) / 2.0 : null, rnd.nextInt(3) == 0 ? 1000L + rnd.nextInt(100000) : null,
                rnd.nextInt(4) == 0 ? (double) rnd.nextInt(5) : null, rnd.nextInt(5) == 0 ? (double) rnd.nextInt(3) : null,
                delay != null && rnd.nextInt(4) == 0 ? (double) rnd.nextInt(10) : null, rnd.nextInt(4) == 0 ? 100L + rnd.nextInt(5000) : null);
    }

    /** The nodes and links under construction. */
    static final class Draft {
        final Naming naming;
        final Random rnd;
        final Options options;
        final Map<String, Namespace> namespaces = new TreeMap<>();
        final Map<String, Bridge> bridges = new TreeMap<>();
        final Map<String, Tun> tuns = new TreeMap<>();
        final List<Veth> veths = new ArrayList<>();
        /** Bridge id → its subnet; next host number per subnet; interface names per namespace. */
        final Map<String, Integer> bridgeSubnet = new HashMap<>();
        final Map<Integer, Integer> nextHost = new HashMap<>();
        final Map<String, Integer> nextName = new HashMap<>();
        int nextSubnet;
        int hostIfaces;

        Draft(Naming naming, Random rnd, Options options) {
            this.naming = naming;
            this.rnd = rnd;
            this.options = options;
        }

        void nodes() {
            List<String> ids = new ArrayList<>(NAMESPACE_IDS);
            java.util.Collections.shuffle(ids, rnd);
            int n = 1 + rnd.nextInt(Math.min(options.maxNamespaces(), ids.size()));
            for (int i = 0; i < n; i++) {
                Namespace ns = Namespace.empty();
                if (rnd.nextInt(7) == 0) ns = ns.withKernelName(naming.lab() + "k" + i);
                namespaces.put(ids.get(i), ns);
            }
            int b = rnd.nextInt(3);
            for (int i = 0; i < b; i++) bridge("br" + i);
            int tn = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(2) : 0;
            for (int i = 0; i < tn; i++) tun((rnd.nextBoolean() ? "tun" : "tap") + i);
        }

        void bridge(String id) {
            String ns = place();
            int subnet = nextSubnet++;
            bridgeSubnet.put(id, subnet);
            List<String> addresses = new ArrayList<>();
            if (rnd.nextInt(3) == 0) addresses.add(naming.v4(subnet, 254) + "/24");
            if (rnd.nextInt(4) == 0) addresses.add(naming.v6(subnet, 0xfe) + "/64");
            String ifname = Topology.HOST.equals(ns) ? naming.hostIface("b", hostIfaces++) : rnd.nextBoolean() ? null : "sw" + id.substring(2);
            bridges.put(id, new Bridge(Topology.HOST.equals(ns) && rnd.nextBoolean() ? null : ns, ifname, addresses,
                    rnd.nextInt(6) == 0 ? 1400 : null, rnd.nextInt(5) == 0 ? Boolean.valueOf(rnd.nextBoolean()) : null));
            taken(ns, ifname == null ? id : ifname);
        }

        void tun(String id) {
            String ns = place();
            String ifname = Topology.HOST.equals(ns) ? naming.hostIface("t", hostIfaces++) : rnd.nextBoolean() ? null : "dev" + id;
            List<String> addresses = new ArrayList<>();
            int subnet = nextSubnet++;
            if (rnd.nextBoolean()) addresses.add(naming.v4(subnet, 1) + "/24");
            if (rnd.nextInt(3) == 0) addresses.add(naming.v6(subnet, 1) + "/64");
            String[] accounts = {null, null, "0", "65534", "root", "nobody"};
            String[] groups = {null, null, "0", "65534", "root", "nogroup"};
            tuns.put(id, new Tun(Topology.HOST.equals(ns) && rnd.nextBoolean() ? null : ns, id.startsWith("tap") ? TunMode.TAP : TunMode.TUN,
                    ifname, addresses, accounts[rnd.nextInt(accounts.length)], groups[rnd.nextInt(groups.length)],
                    rnd.nextInt(4) == 0 ? Boolean.valueOf(rnd.nextBoolean()) : null, rnd.nextInt(6) == 0 ? Boolean.FALSE : null));
            taken(ns, ifname == null ? id : ifname);
        }

        /** host or one of the namespaces. */
        String place() {
            if (rnd.nextInt(3) == 0) return Topology.HOST;
            List<String> ids = new ArrayList<>(namespaces.keySet());
            return ids.get(rnd.nextInt(ids.size()));
        }

        void links() {
            int n = rnd.nextInt(7);
            // Every bridge gets a port or two, so bridges carry traffic.
            for (String br : bridges.keySet()) link(End.port(br), End.in(namespace()));
            for (int i = 0; i < n; i++) {
                switch (rnd.nextInt(8)) {
                    case 0, 1, 2 -> link(End.in(namespace()), End.in(namespace()));
                    case 3 -> {
                        String ns = namespace();
                        link(End.in(ns), End.in(ns));
                    }
                    case 4 -> link(End.in(namespace()), End.in(Topology.HOST));
                    case 5, 6 -> {
                        if (bridges.isEmpty()) link(End.in(namespace()), End.in(namespace()));
                        else link(End.port(bridge()), End.in(rnd.nextInt(5) == 0 ? Topology.HOST : namespace()));
                    }
                    default -> {
                        if (bridges.size() >= 2) link(End.port("br0"), End.port("br1"));
                        else link(End.in(namespace()), End.in(namespace()));
                    }
                }
            }
        }

        String namespace() {
            List<String> ids = new ArrayList<>(namespaces.keySet());
            return ids.get(rnd.nextInt(ids.size()));
        }

        String bridge() {
            List<String> ids = new ArrayList<>(bridges.keySet());
            return ids.get(rnd.nextInt(ids.size()));
        }

        record End(String namespace, String bridge) {
            static End in(String ns) {
                return new End(ns, null);
            }

            static End port(String br) {
                return new End(null, br);
            }
        }

        void link(End a, End b) {
            Integer bridged = a.bridge() != null ? bridgeSubnet.get(a.bridge()) : b.bridge() != null ? bridgeSubnet.get(b.bridge()) : null;
            int subnet = bridged != null ? bridged : nextSubnet++;
            boolean v4 = rnd.nextInt(6) > 0;
            boolean v6 = rnd.nextInt(3) == 0;
            veths.add(new Veth(end(a, subnet, v4, v6), end(b, subnet, v4, v6)));
        }

        VethEnd end(End e, int subnet, boolean v4, boolean v6) {
            String ns = e.bridge() != null ? bridges.get(e.bridge()).namespaceOrHost() : e.namespace();
            String name = interfaceName(ns, e.bridge() != null);
            if (e.bridge() != null) {
                return new VethEnd(null, e.bridge(), name, null, rnd.nextInt(8) == 0 ? Naming.mac(rnd) : null, null,
                        rnd.nextInt(12) == 0 ? Boolean.FALSE : null, netemMaybe());
            }
            List<String> addresses = new ArrayList<>();
            int host = nextHost.merge(subnet, 1, Integer::sum);
            if (v4 && rnd.nextInt(8) > 0) addresses.add(naming.v4(subnet, host) + "/24");
            if (v6 && rnd.nextInt(5) > 0) addresses.add(naming.v6(subnet, host) + "/64");
            Integer mtu = rnd.nextInt(7) == 0 ? new int[] {1280, 1400, 1500, 9000}[rnd.nextInt(4)] : null;
            return new VethEnd(ns, null, name, addresses, rnd.nextInt(6) == 0 ? Naming.mac(rnd) : null, mtu,
                    rnd.nextInt(12) == 0 ? (rnd.nextInt(4) == 0 ? Boolean.TRUE : Boolean.FALSE) : null, netemMaybe());
        }

        Netem netemMaybe() {
            return options.netem() && rnd.nextInt(5) == 0 ? netem(rnd) : null;
        }

        String interfaceName(String ns, boolean port) {
            if (Topology.HOST.equals(ns)) return naming.hostIface(port ? "p" : "h", hostIfaces++);
            String[] stems = port ? new String[] {"p", "port"} : new String[] {"eth", "e-", "veth.", "v_"};
            while (true) {
                String name = stems[rnd.nextInt(stems.length)] + nextName.merge(ns, 1, Integer::sum);
                if (taken(ns, name)) return name;
            }
        }

        private final Map<String, java.util.Set<String>> names = new HashMap<>();

        /** Records the name; true when it was free. */
        boolean taken(String ns, String name) {
            return names.computeIfAbsent(ns, k -> new java.util.HashSet<>(List.of("lo"))).add(name);
        }

        Topology topology() {
            return Topology.empty(naming.lab()).withNamespaces(namespaces).withBridges(bridges).withTuns(tuns).withVeths(veths);
        }
    }
}
