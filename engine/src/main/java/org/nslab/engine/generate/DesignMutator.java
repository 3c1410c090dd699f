package org.nslab.engine.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Family;
import org.nslab.engine.netfilter.Table;
import org.nslab.engine.validate.Validator;

/**
 * Changes a design made by {@link DesignGenerator} the way a user edits one: adds, removes and renames nodes, moves
 * a veth end, renames an interface, changes addresses, MTUs, MACs, routes, rules, policies, sysctls, startup
 * processes, host names, hosts entries, impairments. What an edit leaves dangling goes too (see {@link Tidy}),
 * and every result is valid: an edit the validator would refuse is not made, another one is.
 */
public final class DesignMutator {
    /** The changed design and what was done, for the test output. */
    public record Mutation(Topology design, List<String> edits) {}

    private static final int ATTEMPTS = 40;

    private DesignMutator() {}

    /** One to three edits of {@code design}, chosen by {@code seed}. */
    public static Mutation mutate(Topology design, long seed, DesignGenerator.Options options) {
        Random rnd = new Random(seed * 0x2545F4914F6CDD1DL + 5);
        int edits = 1 + rnd.nextInt(3);
        Topology t = design;
        List<String> done = new ArrayList<>();
        for (int i = 0; i < edits; i++) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Edit e = new Edit(t, rnd, options);
                Optional<String> what = e.make();
                if (what.isEmpty()) continue;
                Topology next = Tidy.of(e.result());
                if (next.equals(t) || !Validator.validate(next).isEmpty()) continue;
                t = next;
                done.add(what.get());
                break;
            }
        }
        return new Mutation(t, done);
    }

    /** One edit of one design. */
    private static final class Edit {
        final Topology t;
        final Random rnd;
        final DesignGenerator.Options options;
        final Naming naming;
        Topology result;

        Edit(Topology t, Random rnd, DesignGenerator.Options options) {
            this.t = t;
            this.rnd = rnd;
            this.options = options;
            this.naming = Naming.ofLab(t.name());
            this.result = t;
        }

        Topology result() {
            return result;
        }

        Optional<String> make() {
            return switch (rnd.nextInt(20)) {
                case 0 -> addNamespace();
                case 1 -> removeNode();
                case 2 -> renameNamespace();
                case 3 -> moveEnd();
                case 4, 5 -> addresses();
                case 6 -> routes();
                case 7, 8 -> firewall();
                case 9 -> sysctls();
                case 10 -> run();
                case 11 -> hostname();
                case 12 -> hosts();
                case 13 -> addLink();
                case 14 -> removeLink();
                case 15 -> renameInterface();
                case 16 -> linkAttributes();
                case 17 -> addBridgeOrTun();
                case 18 -> netem();
                default -> kernelNameOrEtcHosts();
            };
        }

        // ---- nodes ----

        Optional<String> addNamespace() {
            List<String> free = new ArrayList<>(DesignGenerator.NAMESPACE_IDS);
            free.removeAll(t.namespaces().keySet());
            free.removeAll(t.bridges().keySet());
            free.removeAll(t.tuns().keySet());
            if (free.isEmpty()) return Optional.empty();
            String id = free.get(rnd.nextInt(free.size()));
            Map<String, Namespace> nss = new TreeMap<>(t.namespaces());
            nss.put(id, Namespace.empty());
            result = t.withNamespaces(nss);
            String other = places(false).get(rnd.nextInt(places(false).size()));
            result = result.withVeths(append(t.veths(), new Veth(newEnd(result, id, freshSubnet()), newEndAt(result, other, -1))));
            return Optional.of("add namespace " + id + " linked to " + other);
        }

        Optional<String> removeNode() {
            List<String> nodes = new ArrayList<>(t.namespaces().keySet());
            nodes.remove(Topology.HOST);
            nodes.addAll(t.bridges().keySet());
            nodes.addAll(t.tuns().keySet());
            if (nodes.size() <= 1) return Optional.empty();
            String id = nodes.get(rnd.nextInt(nodes.size()));
            Map<String, Namespace> nss = new TreeMap<>(t.namespaces());
            Map<String, Bridge> brs = new TreeMap<>(t.bridges());
            Map<String, Tun> tuns = new TreeMap<>(t.tuns());
            nss.remove(id);
            brs.remove(id);
            tuns.remove(id);
            result = t.withNamespaces(nss).withBridges(brs).withTuns(tuns);
            return Optional.of("remove " + id);
        }

        Optional<String> renameNamespace() {
            List<String> ids = labNamespaces();
            if (ids.isEmpty()) return Optional.empty();
            String from = ids.get(rnd.nextInt(ids.size()));
            List<String> free = new ArrayList<>(DesignGenerator.NAMESPACE_IDS);
            free.removeAll(t.namespaces().keySet());
            free.removeAll(t.bridges().keySet());
            if (free.isEmpty()) return Optional.empty();
            String to = free.get(rnd.nextInt(free.size()));
            Map<String, Namespace> nss = new TreeMap<>(t.namespaces());
            nss.put(to, nss.remove(from));
            Map<String, Bridge> brs = new TreeMap<>();
            t.bridges().forEach((k, b) -> brs.put(k, from.equals(b.namespace()) ? new Bridge(to, b.ifname(), b.addresses(), b.mtu(), b.stp()) : b));
            Map<String, Tun> tuns = new TreeMap<>();
            t.tuns().forEach((k, d) -> tuns.put(k, from.equals(d.namespace())
                    ? new Tun(to, d.mode(), d.ifname(), d.addresses(), d.owner(), d.group(), d.multiQueue(), d.up()) : d));
            List<Veth> veths = new ArrayList<>();
            for (Veth v : t.veths()) veths.add(new Veth(inNamespace(v.a(), from, to), inNamespace(v.b(), from, to)));
            Map<String, org.nslab.engine.model.Position> layout = new TreeMap<>(t.layout());
            if (layout.containsKey(from)) layout.put(to, layout.remove(from));
            result = t.withNamespaces(nss).withBridges(brs).withTuns(tuns).withVeths(veths).withLayout(layout);
            return Optional.of("rename namespace " + from + " to " + to);
        }

        private static VethEnd inNamespace(VethEnd e, String from, String to) {
            return from.equals(e.namespace()) ? new VethEnd(to, null, e.name(), e.addresses(), e.mac(), e.mtu(), e.up(), e.netem()) : e;
        }

        Optional<String> addBridgeOrTun() {
            DesignGenerator.Draft d = draft();
            if (rnd.nextBoolean()) {
                String id = freeId("br");
                d.bridge(id);
                Bridge b = d.bridges.get(id);
                Map<String, Bridge> brs = new TreeMap<>(t.bridges());
                brs.put(id, b);
                result = t.withBridges(brs);
                String other = places(false).get(rnd.nextInt(places(false).size()));
                result = result.withVeths(append(t.veths(), new Veth(newPort(result, id), newEndAt(result, other, subnetOfBridge(b)))));
                return Optional.of("add bridge " + id + " with a port to " + other);
            }
            String id = freeId(rnd.nextBoolean() ? "tun" : "tap");
            d.tun(id);
            Map<String, Tun> tuns = new TreeMap<>(t.tuns());
            tuns.put(id, d.tuns.get(id));
            result = t.withTuns(tuns);
            return Optional.of("add " + id);
        }

        // ---- links ----

        Optional<String> addLink() {
            List<String> places = places(true);
            String a = places.get(rnd.nextInt(places.size()));
            String b = places.get(rnd.nextInt(places.size()));
            if (a.startsWith("bridge:") && b.startsWith("bridge:")) return Optional.empty();
            int subnet = a.startsWith("bridge:") ? subnetOfBridge(t.bridges().get(a.substring(7)))
                    : b.startsWith("bridge:") ? subnetOfBridge(t.bridges().get(b.substring(7))) : freshSubnet();
            VethEnd ea = newEndAt(t, a, subnet);
            Topology with = t.withVeths(append(t.veths(), new Veth(ea, ea)));
            VethEnd eb = newEndAt(with, b, subnet);
            if (eb.addresses().equals(ea.addresses()) && !ea.addresses().isEmpty()) eb = withAddresses(eb, List.of());
            result = t.withVeths(append(t.veths(), new Veth(ea, eb)));
            return Optional.of("add a veth " + a + " – " + b);
        }

        Optional<String> removeLink() {
            if (t.veths().isEmpty()) return Optional.empty();
            List<Veth> veths = new ArrayList<>(t.veths());
            Veth gone = veths.remove(rnd.nextInt(veths.size()));
            result = t.withVeths(veths);
            return Optional.of("remove the veth " + gone.a().name() + " – " + gone.b().name());
        }

        Optional<String> moveEnd() {
            if (t.veths().isEmpty()) return Optional.empty();
            List<Veth> veths = new ArrayList<>(t.veths());
            int i = rnd.nextInt(veths.size());
            Veth v = veths.get(i);
            boolean moveA = rnd.nextBoolean();
            VethEnd old = moveA ? v.a() : v.b();
            List<String> places = places(true);
            String to = places.get(rnd.nextInt(places.size()));
            VethEnd moved = newEndAt(t, to, -1);
            if (!to.startsWith("bridge:") && old.bridge() == null && !old.addresses().isEmpty()) moved = withAddresses(moved, old.addresses());
            veths.set(i, moveA ? new Veth(moved, v.b()) : new Veth(v.a(), moved));
            result = t.withVeths(veths);
            return Optional.of("move veth end " + old.name() + " to " + to + " as " + moved.name());
        }

        Optional<String> renameInterface() {
            if (t.veths().isEmpty() || rnd.nextInt(4) == 0) {
                List<String> labBridges = t.bridges().entrySet().stream().filter(e -> !Topology.HOST.equals(e.getValue().namespaceOrHost()))
                        .map(Map.Entry::getKey).toList();
                if (labBridges.isEmpty()) return Optional.empty();
                String id = labBridges.get(rnd.nextInt(labBridges.size()));
                Bridge b = t.bridges().get(id);
                Map<String, Bridge> brs = new TreeMap<>(t.bridges());
                brs.put(id, new Bridge(b.namespace(), "sw" + rnd.nextInt(100), b.addresses(), b.mtu(), b.stp()));
                result = t.withBridges(brs);
                return Optional.of("rename bridge " + id + "'s interface");
            }
            List<Veth> veths = new ArrayList<>(t.veths());
            int i = rnd.nextInt(veths.size());
            Veth v = veths.get(i);
            boolean a = rnd.nextBoolean();
            VethEnd e = a ? v.a() : v.b();
            String ns = e.namespaceIn(t);
            String name = Topology.HOST.equals(ns) ? naming.hostIface("r", rnd.nextInt(1000)) : "if" + rnd.nextInt(1000);
            VethEnd renamed = new VethEnd(e.namespace(), e.bridge(), name, e.addresses(), e.mac(), e.mtu(), e.up(), e.netem());
            veths.set(i, a ? new Veth(renamed, v.b()) : new Veth(v.a(), renamed));
            result = t.withVeths(veths);
            return Optional.of("rename interface " + e.name() + " to " + name);
        }

        Optional<String> linkAttributes() {
            if (t.veths().isEmpty()) return Optional.empty();
            List<Veth> veths = new ArrayList<>(t.veths());
            int i = rnd.nextInt(veths.size());
            Veth v = veths.get(i);
            boolean a = rnd.nextBoolean();
            VethEnd e = a ? v.a() : v.b();
            String what;
            VethEnd changed;
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    Integer mtu = e.bridge() != null ? null : new Integer[] {null, 1280, 1400, 1500, 9000}[rnd.nextInt(5)];
                    changed = new VethEnd(e.namespace(), e.bridge(), e.name(), e.addresses(), e.mac(), mtu, e.up(), e.netem());
                    what = "MTU " + mtu;
                }
                case 1 -> {
                    changed = new VethEnd(e.namespace(), e.bridge(), e.name(), e.addresses(), rnd.nextBoolean() ? Naming.mac(rnd) : null,
                            e.mtu(), e.up(), e.netem());
                    what = "MAC " + changed.mac();
                }
                default -> {
                    changed = new VethEnd(e.namespace(), e.bridge(), e.name(), e.addresses(), e.mac(), e.mtu(), e.isUp() ? Boolean.FALSE : null,
                            e.netem());
                    what = changed.isUp() ? "up" : "down";
                }
            }
            veths.set(i, a ? new Veth(changed, v.b()) : new Veth(v.a(), changed));
            result = t.withVeths(veths);
            return Optional.of("set " + e.name() + " " + what);
        }

        Optional<String> netem() {
            if (!options.netem() || t.veths().isEmpty()) return Optional.empty();
            List<Veth> veths = new ArrayList<>(t.veths());
            int i = rnd.nextInt(veths.size());
            Veth v = veths.get(i);
            VethEnd e = v.a().withNetem(rnd.nextInt(3) == 0 ? null : DesignGenerator.netem(rnd));
            veths.set(i, new Veth(e, v.b()));
            result = t.withVeths(veths);
            return Optional.of("impair " + e.name() + ": " + e.netem());
        }

        // ---- addresses ----

        Optional<String> addresses() {
            List<Integer> ends = new ArrayList<>();
            for (int i = 0; i < t.veths().size(); i++) {
                if (t.veths().get(i).a().bridge() == null) ends.add(2 * i);
                if (t.veths().get(i).b().bridge() == null) ends.add(2 * i + 1);
            }
            if (ends.isEmpty()) return Optional.empty();
            int pick = ends.get(rnd.nextInt(ends.size()));
            List<Veth> veths = new ArrayList<>(t.veths());
            Veth v = veths.get(pick / 2);
            VethEnd e = pick % 2 == 0 ? v.a() : v.b();
            List<String> addresses = new ArrayList<>(e.addresses());
            String what;
            if (!addresses.isEmpty() && rnd.nextInt(3) == 0) {
                what = "remove address " + addresses.remove(rnd.nextInt(addresses.size()));
            } else {
                int subnet = addresses.isEmpty() ? freshSubnet() : naming.subnetOf(addresses.get(0));
                int host = 100 + rnd.nextInt(99);
                String a = rnd.nextInt(3) == 0 ? naming.v6(subnet, host) + "/64" : naming.v4(subnet, host) + "/24";
                if (!addresses.isEmpty() && rnd.nextBoolean()) addresses.set(rnd.nextInt(addresses.size()), a);
                else addresses.add(a);
                what = "address " + a;
            }
            VethEnd changed = withAddresses(e, addresses);
            veths.set(pick / 2, pick % 2 == 0 ? new Veth(changed, v.b()) : new Veth(v.a(), changed));
            result = t.withVeths(veths);
            return Optional.of(e.name() + ": " + what);
        }

        // ---- inside namespaces ----

        Optional<String> routes() {
            List<String> ids = new ArrayList<>(t.namespaces().keySet());
            ids.addAll(labNamespaces());
            if (ids.isEmpty()) return Optional.empty();
            String id = ids.get(rnd.nextInt(ids.size()));
            Namespace ns = t.namespaces().get(id);
            List<Route> routes = new ArrayList<>(ns.routes());
            String what;
            int kind = rnd.nextInt(3);
            if (kind == 0 && !routes.isEmpty()) {
                what = "remove route to " + routes.remove(rnd.nextInt(routes.size())).to();
            } else if (kind == 1 && !routes.isEmpty()) {
                int i = rnd.nextInt(routes.size());
                Route r = routes.get(i);
                routes.set(i, new Route(r.to(), r.via(), r.dev(), r.metric() == null ? 50 : null));
                what = "metric of route to " + r.to();
            } else {
                List<Route> more = new Inside(naming, rnd).routes(id, Wiring.of(t), 1);
                if (more.isEmpty() || Topology.HOST.equals(id) && Route.DEFAULT.equals(more.get(0).to())) return Optional.empty();
                routes.add(more.get(0));
                what = "route to " + more.get(0).to();
            }
            result = withNamespace(id, ns.withRoutes(routes));
            return Optional.of(id + ": " + what);
        }

        Optional<String> firewall() {
            List<String> ids = labNamespaces();
            if (ids.isEmpty()) return Optional.empty();
            String id = ids.get(rnd.nextInt(ids.size()));
            Namespace ns = t.namespaces().get(id);
            boolean v6 = rnd.nextInt(3) == 0;
            Family family = v6 ? Family.IPV6 : Family.IPV4;
            Firewall fw = v6 ? ns.firewall6() : ns.firewall();
            RandomRules rules = new RandomRules(rnd, family, naming, Wiring.of(t).names(id), false);
            Firewall changed;
            String what;
            if (fw == null || rnd.nextInt(6) == 0) {
                changed = fw == null ? rules.firewall() : null;
                what = (fw == null ? "new " : "no ") + (v6 ? "firewall6" : "firewall");
            } else {
                Map<String, Map<String, Chain>> tables = new TreeMap<>();
                fw.tables().forEach((k, v) -> tables.put(k, new TreeMap<>(v)));
                List<String> names = new ArrayList<>(tables.keySet());
                String table = names.get(rnd.nextInt(names.size()));
                Map<String, Chain> chains = tables.get(table);
                List<String> builtIn = chains.keySet().stream().filter(c -> !c.equals(RandomRules.USER_CHAIN)).toList();
                if (builtIn.isEmpty()) return Optional.empty();
                String chain = builtIn.get(rnd.nextInt(builtIn.size()));
                Chain c = chains.get(chain);
                List<org.nslab.engine.model.Rule> list = new ArrayList<>(c.rules());
                Table tab = Table.valueOf(table.toUpperCase(java.util.Locale.ROOT));
                switch (rnd.nextInt(4)) {
                    case 0 -> {
                        list.add(rnd.nextInt(list.size() + 1), rules.rule(tab, chain, chains.containsKey(RandomRules.USER_CHAIN)));
                        what = "add a rule to " + table + " " + chain;
                    }
                    case 1 -> {
                        if (list.isEmpty()) return Optional.empty();
                        list.remove(rnd.nextInt(list.size()));
                        what = "remove a rule of " + table + " " + chain;
                    }
                    case 2 -> {
                        if (list.isEmpty()) return Optional.empty();
                        list.set(rnd.nextInt(list.size()), rules.rule(tab, chain, chains.containsKey(RandomRules.USER_CHAIN)));
                        what = "change a rule of " + table + " " + chain;
                    }
                    default -> {
                        if (!tab.takesPolicy()) return Optional.empty();
                        String policy = c.policy() == null ? "DROP" : c.policy().equals("DROP") ? "ACCEPT" : null;
                        chains.put(chain, new Chain(policy, list));
                        result = withNamespace(id, v6 ? ns.withFirewall6(Firewall.of(tables)) : ns.withFirewall(Firewall.of(tables)));
                        return Optional.of(id + ": policy of " + table + " " + chain + " " + policy);
                    }
                }
                chains.put(chain, new Chain(c.policy(), list));
                changed = Firewall.of(tables);
            }
            result = withNamespace(id, v6 ? ns.withFirewall6(changed) : ns.withFirewall(changed));
            return Optional.of(id + ": " + what);
        }

        Optional<String> sysctls() {
            List<String> ids = labNamespaces();
            if (ids.isEmpty()) return Optional.empty();
            String id = ids.get(rnd.nextInt(ids.size()));
            Namespace ns = t.namespaces().get(id);
            Map<String, String> sysctls = new TreeMap<>(ns.sysctls());
            String what;
            if (!sysctls.isEmpty() && rnd.nextInt(3) == 0) {
                String key = new ArrayList<>(sysctls.keySet()).get(rnd.nextInt(sysctls.size()));
                sysctls.remove(key);
                what = "remove sysctl " + key;
            } else {
                Map<String, String> more = new Inside(naming, rnd).sysctls(id, Wiring.of(t), 1);
                sysctls.putAll(more);
                what = "sysctl " + more;
            }
            result = withNamespace(id, ns.withSysctls(sysctls));
            return Optional.of(id + ": " + what);
        }

        Optional<String> run() {
            List<String> ids = labNamespaces();
            if (ids.isEmpty()) return Optional.empty();
            String id = ids.get(rnd.nextInt(ids.size()));
            Namespace ns = t.namespaces().get(id);
            List<List<String>> run = new ArrayList<>(ns.run());
            String what;
            int kind = rnd.nextInt(3);
            if (kind == 0 && !run.isEmpty()) {
                what = "stop " + run.remove(rnd.nextInt(run.size()));
            } else if (kind == 1 && !run.isEmpty()) {
                int i = rnd.nextInt(run.size());
                run.set(i, Inside.runEntry(rnd));
                what = "change run entry " + i + " to " + run.get(i);
            } else {
                run.add(Inside.runEntry(rnd));
                what = "run " + run.get(run.size() - 1);
            }
            result = withNamespace(id, ns.withRun(run));
            return Optional.of(id + ": " + what);
        }

        Optional<String> hostname() {
            List<String> ids = labNamespaces();
            if (ids.isEmpty()) return Optional.empty();
            String id = ids.get(rnd.nextInt(ids.size()));
            Namespace ns = t.namespaces().get(id);
            String name = ns.hostname() != null && rnd.nextBoolean() ? null : new Inside(naming, rnd).hostname();
            result = withNamespace(id, ns.withHostname(name));
            return Optional.of(id + ": hostname " + name);
        }

        Optional<String> hosts() {
            List<String> ids = labNamespaces();
            if (ids.isEmpty()) return Optional.empty();
            String id = ids.get(rnd.nextInt(ids.size()));
            Namespace ns = t.namespaces().get(id);
            Map<String, List<String>> hosts = new TreeMap<>(ns.hosts());
            if (!hosts.isEmpty() && rnd.nextBoolean()) hosts.remove(new ArrayList<>(hosts.keySet()).get(rnd.nextInt(hosts.size())));
            else hosts.putAll(new Inside(naming, rnd).hosts(Wiring.of(t), 1));
            result = withNamespace(id, ns.withHosts(hosts));
            return Optional.of(id + ": hosts " + hosts.keySet());
        }

        Optional<String> kernelNameOrEtcHosts() {
            if (rnd.nextBoolean()) {
                result = t.withEtcHosts(t.writesEtcHosts() ? Boolean.FALSE : null);
                return Optional.of("etcHosts " + result.writesEtcHosts());
            }
            List<String> ids = labNamespaces();
            if (ids.isEmpty()) return Optional.empty();
            String id = ids.get(rnd.nextInt(ids.size()));
            Namespace ns = t.namespaces().get(id);
            String kernel = ns.kernelName() == null ? naming.lab() + "k" + rnd.nextInt(100) : null;
            result = withNamespace(id, ns.withKernelName(kernel));
            return Optional.of(id + ": kernel name " + kernel);
        }

        // ---- helpers ----

        List<String> labNamespaces() {
            List<String> ids = new ArrayList<>(t.namespaces().keySet());
            ids.remove(Topology.HOST);
            return ids;
        }

        /** Namespace ids, host, and (with {@code bridges}) "bridge:id" for each bridge. */
        List<String> places(boolean bridges) {
            List<String> out = labNamespaces();
            out.add(Topology.HOST);
            if (bridges) for (String b : t.bridges().keySet()) out.add("bridge:" + b);
            return out;
        }

        Topology withNamespace(String id, Namespace ns) {
            Map<String, Namespace> nss = new TreeMap<>(t.namespaces());
            nss.put(id, ns);
            return t.withNamespaces(nss);
        }

        DesignGenerator.Draft draft() {
            DesignGenerator.Draft d = new DesignGenerator.Draft(naming, rnd, options);
            d.namespaces.putAll(t.namespaces());
            d.namespaces.remove(Topology.HOST);
            if (d.namespaces.isEmpty()) d.namespaces.put("a", Namespace.empty());
            d.nextSubnet = freshSubnet();
            d.hostIfaces = 50 + rnd.nextInt(900);
            Wiring w = Wiring.of(t);
            for (String ns : places(false)) for (String n : w.names(ns)) d.taken(ns, n);
            return d;
        }

        String freeId(String stem) {
            Set<String> used = new TreeSet<>(t.namespaces().keySet());
            used.addAll(t.bridges().keySet());
            used.addAll(t.tuns().keySet());
            for (int i = 0; ; i++) if (!used.contains(stem + i)) return stem + i;
        }

        int freshSubnet() {
            int max = -1;
            for (String a : allAddresses()) {
                int s = naming.subnetOf(a);
                if (s < 100) max = Math.max(max, s);
            }
            return Math.min(max + 1 + rnd.nextInt(2), 99);
        }

        List<String> allAddresses() {
            List<String> out = new ArrayList<>();
            t.bridges().values().forEach(b -> out.addAll(b.addresses()));
            t.tuns().values().forEach(d -> out.addAll(d.addresses()));
            for (Veth v : t.veths()) {
                out.addAll(v.a().addresses());
                out.addAll(v.b().addresses());
            }
            return out;
        }

        int subnetOfBridge(Bridge b) {
            for (String a : b.addresses()) return naming.subnetOf(a);
            return freshSubnet();
        }

        /** A new end at a place ("bridge:id", a namespace id or host), with an address in {@code subnet} (-1: a fresh one). */
        VethEnd newEndAt(Topology in, String place, int subnet) {
            if (place.startsWith("bridge:")) return newPort(in, place.substring(7));
            return newEnd(in, place, subnet < 0 ? freshSubnet() : subnet);
        }

        VethEnd newPort(Topology in, String bridge) {
            String ns = in.bridges().get(bridge).namespaceOrHost();
            return new VethEnd(null, bridge, freshName(in, ns, true), null, null, null, null);
        }

        VethEnd newEnd(Topology in, String ns, int subnet) {
            List<String> addresses = new ArrayList<>();
            int host = 100 + rnd.nextInt(99);
            if (rnd.nextInt(5) > 0) addresses.add(naming.v4(subnet, host) + "/24");
            if (rnd.nextInt(3) == 0) addresses.add(naming.v6(subnet, host) + "/64");
            return new VethEnd(ns, null, freshName(in, ns, false), addresses, null, null, null);
        }

        String freshName(Topology in, String ns, boolean port) {
            Wiring w = Wiring.of(in);
            Map<String, Integer> tries = new HashMap<>();
            while (true) {
                int n = rnd.nextInt(1000);
                String name = Topology.HOST.equals(ns) ? naming.hostIface(port ? "q" : "m", n) : (port ? "pt" : "nic") + n;
                if (!w.taken(ns, name) && tries.merge(name, 1, Integer::sum) == 1) return name;
            }
        }

        static VethEnd withAddresses(VethEnd e, List<String> addresses) {
            return new VethEnd(e.namespace(), e.bridge(), e.name(), addresses, e.mac(), e.mtu(), e.up(), e.netem());
        }

        static List<Veth> append(List<Veth> veths, Veth v) {
            List<Veth> out = new ArrayList<>(veths);
            out.add(v);
            return out;
        }
    }
}
