package org.nslab.helper.property;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * Whether the kernel, as {@link KernelView} read it, holds exactly what a design says: every link of the lab with
 * its kind, peer, bridge, MTU, MAC, state, addresses and impairment, and no other; the routes, sysctls, iptables and
 * ip6tables tables, host name, hosts file and startup processes of each namespace. Values the design leaves open
 * (an MTU, a MAC) are not compared. Written from the format's documentation, not from nslab's planner.
 */
final class Conformance {
    private final Topology t;
    private final KernelView view;
    private final String tag;
    private final List<String> problems = new ArrayList<>();
    /** Process ids the test itself started in lab namespaces (they are not the lab's). */
    private final Set<Long> ours;

    private Conformance(Topology t, KernelView view, String tag, Set<Long> ours) {
        this.t = t;
        this.view = view;
        this.tag = tag;
        this.ours = ours;
    }

    /** The differences between design and kernel; empty when the kernel is the design. */
    static List<String> differences(Topology t, KernelView view, String hostTag, Set<Long> ours) {
        Conformance c = new Conformance(t, view, hostTag, ours);
        c.check();
        return c.problems;
    }

    /** What to read for a design: its namespaces' kernel names (and host) with the sysctls it sets. */
    static List<KernelView.Ask> asks(Topology t) {
        List<KernelView.Ask> out = new ArrayList<>();
        Set<String> ids = new TreeSet<>(t.namespaces().keySet());
        ids.remove(Topology.HOST);
        Namespace host = t.namespaces().get(Topology.HOST);
        out.add(new KernelView.Ask("host", host == null ? List.of() : paths(t, Topology.HOST, host)));
        for (String id : ids) out.add(new KernelView.Ask(t.kernelName(id), paths(t, id, t.namespaces().get(id))));
        return out;
    }

    /** /proc/sys paths of a namespace's sysctls; a per-interface key keeps the interface's name whole (it may hold dots). */
    static List<String> paths(Topology t, String id, Namespace ns) {
        Set<String> ifaces = interfaceNames(t, id);
        List<String> out = new ArrayList<>();
        for (String key : ns.sysctls().keySet()) out.add(path(key, ifaces));
        return out;
    }

    static String path(String key, Set<String> ifaces) {
        for (String prefix : List.of("net.ipv4.conf.", "net.ipv6.conf.", "net.ipv4.neigh.", "net.ipv6.neigh.")) {
            if (!key.startsWith(prefix)) continue;
            String rest = key.substring(prefix.length());
            for (String iface : ifaces) {
                if (rest.startsWith(iface + ".")) return prefix.replace('.', '/') + iface + "/" + rest.substring(iface.length() + 1).replace('.', '/');
            }
        }
        return key.replace('.', '/');
    }

    static Set<String> interfaceNames(Topology t, String id) {
        Set<String> out = new TreeSet<>();
        t.bridges().forEach((k, b) -> { if (b.namespaceOrHost().equals(id)) out.add(b.ifnameOr(k)); });
        t.tuns().forEach((k, d) -> { if (d.namespaceOrHost().equals(id)) out.add(d.ifnameOr(k)); });
        for (Veth v : t.veths()) for (VethEnd e : List.of(v.a(), v.b())) if (id.equals(e.namespaceIn(t))) out.add(e.name());
        return out;
    }

    private String netns(String id) {
        return Topology.HOST.equals(id) ? "host" : t.kernelName(id);
    }

    private KernelView.Space space(String id) {
        return view.spaces().get(netns(id));
    }

    private void problem(String where, String what) {
        problems.add(where + ": " + what);
    }

    private void check() {
        Map<String, Set<String>> expectedLinks = new HashMap<>();
        t.bridges().forEach((id, b) -> bridge(id, b, expectedLinks));
        t.tuns().forEach((id, d) -> tun(id, d, expectedLinks));
        for (Veth v : t.veths()) veth(v, expectedLinks);
        // No other link in the lab's namespaces, nor in host under the lab's tag.
        for (String id : namespaceIds()) {
            KernelView.Space s = space(id);
            if (s == null) {
                problem(netns(id), "namespace missing");
                continue;
            }
            for (JsonNode l : s.links()) {
                String name = l.path("ifname").asText();
                boolean ours = Topology.HOST.equals(id) ? name.startsWith("x" + tag) : !name.equals("lo");
                if (ours && !expectedLinks.getOrDefault(id, Set.of()).contains(name)) problem(netns(id), "extra link " + name);
            }
            Namespace ns = t.namespaces().getOrDefault(id, Namespace.empty());
            routes(id, ns, s);
            sysctls(id, ns, s);
            firewall(id, ns.firewall(), s.iptables(), false);
            firewall(id, ns.firewall6(), s.ip6tables(), true);
            if (!Topology.HOST.equals(id)) inside(id, ns, s);
        }
    }

    private Set<String> namespaceIds() {
        Set<String> ids = new TreeSet<>(t.namespaces().keySet());
        ids.add(Topology.HOST);
        return ids;
    }

    // ---- links ----

    private JsonNode link(String id, String name, Map<String, Set<String>> expected) {
        expected.computeIfAbsent(id, k -> new TreeSet<>()).add(name);
        KernelView.Space s = space(id);
        JsonNode l = s == null ? null : s.link(name);
        if (l == null && s != null) problem(netns(id), "link " + name + " missing");
        return l;
    }

    /** A link of the design as the kernel has it: in namespace {@code ns} under {@code name}, {@code where} for problems. */
    private record Found(String ns, String name, String where, JsonNode link) {}

    /** The design's link, checked to be of {@code kind}; null (a problem said) when the kernel lacks it. */
    private Found found(String ns, String name, String kind, Map<String, Set<String>> expected) {
        JsonNode l = link(ns, name, expected);
        if (l == null) return null;
        Found f = new Found(ns, name, netns(ns) + " " + name, l);
        kind(f.where(), l, kind);
        return f;
    }

    private void bridge(String id, Bridge b, Map<String, Set<String>> expected) {
        Found f = found(b.namespaceOrHost(), b.ifnameOr(id), "bridge", expected);
        if (f == null) return;
        String where = f.where();
        if (b.mtu() != null) equal(where, "mtu", b.mtu(), f.link().path("mtu").asInt());
        if (b.stp() != null) equal(where, "stp", b.stp() ? 1 : 0, f.link().path("linkinfo").path("info_data").path("stp_state").asInt());
        up(where, f.link(), true);
        addresses(where, f.ns(), f.name(), b.addresses());
        noMaster(where, f.link());
    }

    private void tun(String id, Tun d, Map<String, Set<String>> expected) {
        Found f = found(d.namespaceOrHost(), d.ifnameOr(id), "tun", expected);
        if (f == null) return;
        String where = f.where();
        JsonNode data = f.link().path("linkinfo").path("info_data");
        equal(where, "mode", d.mode().name().toLowerCase(), data.path("type").asText());
        if (d.multiQueue() != null) equal(where, "multi_queue", d.multiQueue(), data.path("multi_queue").asBoolean());
        if (d.owner() != null) equal(where, "owner", Accounts.uid(d.owner()), Accounts.uid(data.path("user").asText("")));
        if (d.group() != null) equal(where, "group", Accounts.gid(d.group()), Accounts.gid(data.path("group").asText("")));
        up(where, f.link(), d.isUp());
        addresses(where, f.ns(), f.name(), d.addresses());
    }

    private void veth(Veth v, Map<String, Set<String>> expected) {
        JsonNode a = end(v.a(), expected);
        JsonNode b = end(v.b(), expected);
        if (a == null || b == null) return;
        // The peer: by name within one namespace, else by the peer's ifindex in its own namespace.
        peer(v.a(), a, v.b(), b);
        peer(v.b(), b, v.a(), a);
    }

    private void peer(VethEnd e, JsonNode l, VethEnd other, JsonNode o) {
        String where = netns(e.namespaceIn(t)) + " " + e.name();
        if (l.has("link_index")) {
            equal(where, "peer ifindex", o.path("ifindex").asInt(), l.path("link_index").asInt());
        } else {
            equal(where, "peer", other.name(), l.path("link").asText());
            equal(where, "peer in the same namespace", e.namespaceIn(t), other.namespaceIn(t));
        }
    }

    private JsonNode end(VethEnd e, Map<String, Set<String>> expected) {
        String ns = e.namespaceIn(t);
        Found f = found(ns, e.name(), "veth", expected);
        if (f == null) return null;
        String where = f.where();
        JsonNode l = f.link();
        if (e.mtu() != null) equal(where, "mtu", e.mtu(), l.path("mtu").asInt());
        if (e.mac() != null) equal(where, "mac", e.mac().toLowerCase(), l.path("address").asText());
        up(where, l, e.isUp());
        if (e.bridge() != null) {
            Bridge br = t.bridges().get(e.bridge());
            equal(where, "master", br.ifnameOr(e.bridge()), l.path("master").asText(null));
        } else {
            noMaster(where, l);
        }
        addresses(where, ns, e.name(), e.addresses());
        JsonNode root = null;
        for (JsonNode q : space(ns).qdiscs()) {
            if (e.name().equals(q.path("dev").asText()) && q.path("root").asBoolean(false)) root = q;
        }
        String qdisc = root == null ? null : root.path("kind").asText();
        boolean netem = "netem".equals(qdisc);
        if (netem != (e.netem() != null)) problem(where, "netem qdisc " + (netem ? "present" : "missing") + " (root qdisc " + qdisc + ")");
        else if (netem) netem(where, e.netem(), root.path("options"));
        return l;
    }

    /**
     * Each impairment as {@code tc -j} prints it: times in seconds, probabilities as fractions, the rate in bytes
     * per second; a field the design leaves out is off (0), and the queue holds 1000 packets unless it says otherwise.
     */
    private void netem(String where, org.nslab.engine.model.Netem n, JsonNode o) {
        close(where, "netem delay (s)", n.delayMs() == null ? 0 : n.delayMs() / 1000, o.path("delay").path("delay").asDouble(0));
        close(where, "netem jitter (s)", n.jitterMs() == null ? 0 : n.jitterMs() / 1000, o.path("delay").path("jitter").asDouble(0));
        close(where, "netem loss", n.lossPercent() == null ? 0 : n.lossPercent() / 100, o.path("loss-random").path("loss").asDouble(0));
        close(where, "netem duplicate", n.duplicatePercent() == null ? 0 : n.duplicatePercent() / 100, o.path("duplicate").path("duplicate").asDouble(0));
        close(where, "netem corrupt", n.corruptPercent() == null ? 0 : n.corruptPercent() / 100, o.path("corrupt").path("corrupt").asDouble(0));
        close(where, "netem reorder", n.reorderPercent() == null ? 0 : n.reorderPercent() / 100, o.path("reorder").path("reorder").asDouble(0));
        equal(where, "netem rate (bytes/s)", n.rateKbit() == null ? 0L : n.rateKbit() * 1000 / 8, o.path("rate").path("rate").asLong(0));
        equal(where, "netem limit", n.limitPackets() == null ? 1000L : n.limitPackets(), o.path("limit").asLong(-1));
    }

    /** Equal to within what the kernel's fixed-point fields round away (a tick, a 2^-32 step). */
    private void close(String where, String what, double want, double have) {
        if (Math.abs(want - have) > 1e-6 + Math.abs(want) * 1e-4) problem(where, what + ": design " + want + ", kernel " + have);
    }

    private void kind(String where, JsonNode l, String kind) {
        equal(where, "kind", kind, l.path("linkinfo").path("info_kind").asText(null));
    }

    private void up(String where, JsonNode l, boolean up) {
        boolean flag = false;
        for (JsonNode f : l.path("flags")) if (f.asText().equals("UP")) flag = true;
        equal(where, "administratively up", up, flag);
    }

    private void noMaster(String where, JsonNode l) {
        if (l.has("master")) problem(where, "enslaved to " + l.path("master").asText() + ", the design has no bridge there");
    }

    private void addresses(String where, String ns, String name, List<String> design) {
        Set<String> want = new TreeSet<>();
        for (String a : design) want.add(cidr(a));
        Set<String> have = new TreeSet<>();
        for (JsonNode l : space(ns).addresses()) {
            if (!name.equals(l.path("ifname").asText())) continue;
            for (JsonNode a : l.path("addr_info")) {
                if (a.path("scope").asText().equals("link")) continue;
                have.add(cidr(a.path("local").asText() + "/" + a.path("prefixlen").asInt()));
            }
        }
        equal(where, "addresses", want, have);
    }

    // ---- namespaces ----

    private void routes(String id, Namespace ns, KernelView.Space s) {
        List<String> want = new ArrayList<>();
        Map<String, String> devs = new HashMap<>();
        for (Route r : ns.routes()) {
            boolean v6 = r.via() != null ? r.via().contains(":") : r.to().contains(":");
            String to = r.to().equals(Route.DEFAULT) ? "default" : cidr(r.to());
            int metric = r.metric() == null || v6 && r.metric() == 0 ? (v6 ? 1024 : 0) : r.metric();
            String key = (v6 ? "6 " : "4 ") + to + " via " + (r.via() == null ? "-" : address(r.via())) + " metric " + metric;
            want.add(key);
            if (r.dev() != null) devs.put(key, r.dev());
        }
        List<String> have = new ArrayList<>();
        for (String family : List.of("4", "6")) {
            for (JsonNode r : family.equals("4") ? s.routes4() : s.routes6()) {
                String proto = r.path("protocol").asText("");
                if (proto.equals("kernel") || proto.equals("ra") || r.path("type").asText("unicast").equals("multicast")) continue;
                String dst = r.path("dst").asText();
                String to = dst.equals("default") ? "default" : cidr(dst.contains("/") ? dst : dst + (family.equals("4") ? "/32" : "/128"));
                if (Topology.HOST.equals(id) && !inLab(to)) continue;
                String key = family + " " + to + " via " + (r.has("gateway") ? address(r.path("gateway").asText()) : "-")
                        + " metric " + r.path("metric").asInt(0);
                have.add(key);
                String dev = devs.get(key);
                if (dev != null && !dev.equals(r.path("dev").asText())) problem(netns(id), "route " + key + " on " + r.path("dev").asText() + ", not " + dev);
            }
        }
        equal(netns(id), "routes", new TreeSet<>(want), new TreeSet<>(have));
        if (have.size() != new TreeSet<>(have).size()) problem(netns(id), "a route is in the kernel twice: " + have);
    }

    /** A destination inside the lab's own address space (host holds other labs' routes too). */
    private boolean inLab(String to) {
        String octet = Integer.toString(20 + Math.floorMod(Long.parseUnsignedLong(t.name().substring(1), 36), 200));
        return to.startsWith("10." + octet + ".") || to.startsWith("fd00:" + octet + ":");
    }

    private void sysctls(String id, Namespace ns, KernelView.Space s) {
        Set<String> ifaces = interfaceNames(t, id);
        ns.sysctls().forEach((key, value) -> {
            String have = s.sysctls().get(path(key, ifaces));
            equal(netns(id), "sysctl " + key, value.trim().replaceAll("\\s+", " "), have);
        });
    }

    private void firewall(String id, Firewall fw, String save, boolean v6) {
        String where = netns(id) + (v6 ? " ip6tables" : " iptables");
        Map<String, RuleForm.Table> saved = RuleForm.parseSave(save, v6);
        if (Topology.HOST.equals(id)) {
            hostFirewall(where, fw, saved, v6);
            return;
        }
        Map<String, SortedChains> want = new TreeMap<>();
        if (fw != null) fw.tables().forEach((table, chains) -> want.put(table, new SortedChains(chains)));
        Set<String> tables = new TreeSet<>(want.keySet());
        tables.addAll(saved.keySet());
        for (String table : tables) {
            RuleForm.Table have = saved.get(table);
            SortedChains w = want.get(table);
            Map<String, String> policies = new TreeMap<>();
            Map<String, List<String>> rules = new TreeMap<>();
            if (w != null) {
                w.chains().forEach((name, c) -> {
                    boolean builtIn = BUILT_IN.getOrDefault(table, List.of()).contains(name);
                    policies.put(name, builtIn ? (c.policy() == null ? "ACCEPT" : c.policy()) : "-");
                    List<String> forms = new ArrayList<>();
                    for (Rule r : c.rules()) forms.add(RuleForm.fromDesign(r, v6, Map.of()));
                    rules.put(name, forms);
                });
            }
            Map<String, String> havePolicies = new TreeMap<>();
            Map<String, List<String>> haveRules = new TreeMap<>();
            if (have != null) {
                havePolicies.putAll(have.policies());
                have.rules().forEach((chain, forms) -> {
                    if (!forms.isEmpty()) haveRules.put(chain, forms);
                });
            }
            // Built-in chains the design leaves out accept, with no rules.
            for (String builtIn : BUILT_IN.getOrDefault(table, List.of())) {
                policies.putIfAbsent(builtIn, "ACCEPT");
                if (have != null) havePolicies.putIfAbsent(builtIn, "ACCEPT");
            }
            if (have == null) havePolicies.putAll(defaults(table));
            rules.values().removeIf(List::isEmpty);
            equal(where + " " + table, "chains and policies", policies, havePolicies);
            equal(where + " " + table, "rules", rules, haveRules);
        }
    }

    private static Map<String, String> defaults(String table) {
        Map<String, String> m = new TreeMap<>();
        for (String c : BUILT_IN.getOrDefault(table, List.of())) m.put(c, "ACCEPT");
        return m;
    }

    record SortedChains(Map<String, Chain> chains) {}

    static final Map<String, List<String>> BUILT_IN = Map.of(
            "raw", List.of("PREROUTING", "OUTPUT"),
            "mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
            "nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"),
            "filter", List.of("INPUT", "FORWARD", "OUTPUT"));
    static final List<String> TABLE_ORDER = List.of("raw", "mangle", "nat", "filter");

    /**
     * In host, as docs/plan.md and the renderer's contract say: each chain of the design is a lab chain
     * {@code NSLAB-<lab>-<n>}, numbered over tables raw, mangle, nat, filter, built-in chains in netfilter order then
     * user chains by name; each built-in chain used gets one jump into its lab chain. Nothing else of host changes.
     */
    private void hostFirewall(String where, Firewall fw, Map<String, RuleForm.Table> saved, boolean v6) {
        String prefix = "NSLAB-" + t.name() + "-";
        Map<String, List<String>> want = new TreeMap<>();
        Set<String> wantJumps = new TreeSet<>();
        if (fw != null) {
            int n = 0;
            for (String table : TABLE_ORDER) {
                Map<String, Chain> chains = fw.tables().get(table);
                if (chains == null) continue;
                List<String> order = new ArrayList<>();
                for (String b : BUILT_IN.get(table)) if (chains.containsKey(b)) order.add(b);
                for (String c : new TreeSet<>(chains.keySet())) if (!BUILT_IN.get(table).contains(c)) order.add(c);
                Map<String, String> names = new LinkedHashMap<>();
                for (String c : order) names.put(c, prefix + (++n));
                for (String c : order) {
                    List<String> forms = new ArrayList<>();
                    for (Rule r : chains.get(c).rules()) forms.add(RuleForm.fromDesign(r, v6, names));
                    want.put(table + " " + names.get(c), forms);
                    if (BUILT_IN.get(table).contains(c)) wantJumps.add(table + " " + c + " -> " + names.get(c));
                }
            }
        }
        Map<String, List<String>> have = new TreeMap<>();
        Set<String> haveJumps = new TreeSet<>();
        saved.forEach((table, tab) -> tab.rules().forEach((chain, forms) -> {
            if (chain.startsWith(prefix)) have.put(table + " " + chain, forms);
            for (String f : forms) {
                int i = f.indexOf("target=" + prefix);
                if (i >= 0 && !chain.startsWith(prefix)) haveJumps.add(table + " " + chain + " -> " + f.substring(i + 7).split("[,}]")[0]);
            }
        }));
        // A jump from one lab chain to another (a user chain) is a rule of that chain, compared with the rules.
        equal(where, "lab chains and their rules", want, have);
        equal(where, "jumps from built-in chains", wantJumps, haveJumps);
    }

    private void inside(String id, Namespace ns, KernelView.Space s) {
        String where = netns(id);
        equal(where, "host name", ns.hostname(), s.hostname());
        if (!t.writesEtcHosts()) {
            if (s.hostsFile() != null) problem(where, "a hosts file although etcHosts is false");
        } else if (s.hostsFile() == null) {
            problem(where, "no hosts file");
        } else {
            equal(where, "hosts file names", expectedHosts(id, ns), hostsEntries(s.hostsFile(), ns.hostname()));
        }
        List<String> want = new ArrayList<>();
        for (List<String> argv : ns.run()) want.add(String.join(" ", argv));
        List<String> have = new ArrayList<>();
        for (KernelView.Process p : s.processes()) if (!ours.contains(p.pid())) have.add(String.join(" ", p.argv()));
        java.util.Collections.sort(want);
        java.util.Collections.sort(have);
        equal(where, "processes", want, have);
    }

    /** Node ids and the namespace's own names, each with its addresses; loopback names and the host name aside. */
    private Map<String, Set<String>> expectedHosts(String id, Namespace ns) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String nsId : t.namespaces().keySet()) {
            if (Topology.HOST.equals(nsId)) continue;
            Set<String> addresses = new TreeSet<>();
            t.bridges().forEach((k, b) -> { if (b.namespaceOrHost().equals(nsId)) b.addresses().forEach(a -> addresses.add(plain(a))); });
            t.tuns().forEach((k, d) -> { if (d.namespaceOrHost().equals(nsId)) d.addresses().forEach(a -> addresses.add(plain(a))); });
            for (Veth v : t.veths()) for (VethEnd e : List.of(v.a(), v.b())) if (nsId.equals(e.namespaceIn(t))) e.addresses().forEach(a -> addresses.add(plain(a)));
            if (!addresses.isEmpty()) out.put(nsId, addresses);
        }
        t.bridges().forEach((k, b) -> {
            if (!b.addresses().isEmpty()) {
                Set<String> addresses = new TreeSet<>();
                b.addresses().forEach(a -> addresses.add(plain(a)));
                out.put(k, addresses);
            }
        });
        ns.hosts().forEach((name, addresses) -> {
            Set<String> set = new TreeSet<>();
            addresses.forEach(a -> set.add(address(a)));
            out.merge(name, set, (x, y) -> { x.addAll(y); return x; });
        });
        return out;
    }

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "ip6-localhost", "ip6-loopback", "localhost.localdomain",
            "ip6-allnodes", "ip6-allrouters", "ip6-localnet", "ip6-mcastprefix");

    private static Map<String, Set<String>> hostsEntries(String file, String hostname) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (String line : file.split("\n")) {
            String l = line.replaceFirst("#.*", "").trim();
            if (l.isEmpty()) continue;
            String[] parts = l.split("\\s+");
            String a = address(parts[0]);
            for (int i = 1; i < parts.length; i++) {
                if (LOOPBACK_NAMES.contains(parts[i]) || parts[i].equals(hostname) && parts[0].startsWith("127.")) continue;
                out.computeIfAbsent(parts[i], k -> new TreeSet<>()).add(a);
            }
        }
        return out;
    }

    // ---- values ----

    private void equal(String where, String what, Object want, Object have) {
        if (!java.util.Objects.equals(want, have)) problem(where, what + ": design " + want + ", kernel " + have);
    }

    static String plain(String cidr) {
        return address(cidr.split("/")[0]);
    }

    static String address(String a) {
        try {
            return InetAddress.getByName(a).getHostAddress();
        } catch (UnknownHostException e) {
            return "unparsable " + a;
        }
    }

    /** An address with its prefix, or a network, in one spelling. */
    static String cidr(String c) {
        String[] parts = c.split("/");
        return address(parts[0]) + "/" + (parts.length > 1 ? parts[1] : parts[0].contains(":") ? "128" : "32");
    }

    /** Users and groups of this machine, to compare a TUN's owner given by name or number. */
    static final class Accounts {
        private static final Map<String, String> USERS = ids(Path.of("/etc/passwd"));
        private static final Map<String, String> GROUPS = ids(Path.of("/etc/group"));

        static String uid(String nameOrNumber) {
            return nameOrNumber.matches("[0-9]+") ? nameOrNumber : USERS.getOrDefault(nameOrNumber, "unknown " + nameOrNumber);
        }

        static String gid(String nameOrNumber) {
            return nameOrNumber.matches("[0-9]+") ? nameOrNumber : GROUPS.getOrDefault(nameOrNumber, "unknown " + nameOrNumber);
        }

        private static Map<String, String> ids(Path file) {
            Map<String, String> m = new HashMap<>();
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.split(":");
                    if (f.length > 2) m.put(f[0], f[2]);
                }
            } catch (java.io.IOException e) {
                // no accounts file: names stay unknown, numbers still compare
            }
            return m;
        }
    }
}
