package org.nslab.helper.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nslab.helper.testing.HostSnapshot.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.interop.ImportResult;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
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
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.KernelTest;

/**
 * {@code nslab import --kernel} against the real kernel: every example applied and read back is the example
 * (less what the kernel cannot know: layout, description, checks, values equal to their defaults, the order of
 * lists that mean a set), and a lab built by hand with {@code ip}, imported and applied again after it was
 * removed, gives the same {@code ip -j} state.
 */
@KernelTest
public class KernelImportKernelTest {
    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "assets", "examples"))) {
            return files.filter(p -> p.toString().endsWith(".nslab.json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anAppliedExampleImportsBackAsTheExample(Path file) throws Exception {
        LoadResult loaded = TopologyJson.load(file);
        assertThat(loaded.ok()).isTrue();
        Topology example = loaded.topology();
        // The sandbox may lack the example's group (netdev); root's group stands in, so the owner is still read back.
        Map<String, Tun> tuns = new TreeMap<>();
        example.tuns().forEach((id, x) -> tuns.put(id, x.group() != null && run("getent", "group", x.group()).isBlank()
                ? new Tun(x.namespace(), x.mode(), x.ifname(), x.addresses(), x.owner(), "root", x.multiQueue(), x.up()) : x));
        example = example.withTuns(tuns);
        Applier applier = Applier.onThisMachine();
        applier.apply(example, 0, Progress.NONE);
        ImportResult imported;
        try {
            imported = KernelImport.read();
        } finally {
            applier.teardown(example.name(), 0, Progress.NONE);
        }
        assertThat(imported.errors()).isEmpty();
        assertThat(imported.notes()).as("notes").isEmpty();
        assertThat(TopologyJson.write(normal(imported.design()))).isEqualTo(TopologyJson.write(normal(example)));
    }

    @Test
    void aLabBuiltByHandImportsAndAppliesToTheSameIpState() throws Exception {
        List<String> namespaces = List.of("hb-app", "hb-leaf", "hb-one", "hb-top");
        Topology design;
        Map<String, String> before;
        try {
            sh("ip netns add hb-one && ip -n hb-one link set lo up && ip -n hb-one link add v0 type veth peer name v1"
                    + " && ip -n hb-one addr add 10.20.30.40/24 dev v0 && ip -n hb-one addr add 10.20.30.41/24 dev v1"
                    + " && ip -n hb-one link set v0 up && ip -n hb-one link set v1 mtu 1400 up");
            sh("ip netns add hb-top && ip netns add hb-leaf && ip -n hb-top link set lo up && ip -n hb-leaf link set lo up && ip -n hb-top link add br0 type bridge"
                    + " && ip -n hb-top addr add 1.2.3.101/24 dev br0 && ip -n hb-top link set br0 up"
                    + " && ip -n hb-top link add p0 type veth peer name eth0 netns hb-leaf && ip -n hb-top link set p0 master br0 up"
                    + " && ip -n hb-leaf addr add 1.2.3.102/24 dev eth0 && ip -n hb-leaf link set eth0 up"
                    + " && ip -n hb-leaf route add default via 1.2.3.101"
                    + " && ip netns exec hb-top sysctl -qw net.ipv4.ip_forward=1"
                    + " && ip netns exec hb-leaf sysctl -qw net.ipv4.conf.eth0.rp_filter=2 net.ipv4.conf.eth0.arp_ignore=1"
                    + " && ip netns exec hb-top iptables -A FORWARD -i br0 -o br0 -p tcp --dport 22 -m comment --comment ssh -j ACCEPT");
            sh("ip netns add hb-app && ip -n hb-app link set lo up && ip -n hb-app tuntap add dev tun0 mode tun"
                    + " && ip -n hb-app addr add 192.168.1.2/24 dev tun0 && ip -n hb-app link set tun0 up");
            before = state(namespaces);
            ImportResult r = KernelImport.read();
            assertThat(r.errors()).isEmpty();
            design = r.design();
        } finally {
            for (String ns : namespaces) run("ip", "netns", "delete", ns);
        }
        assertThat(design.name()).isEqualTo("hb");
        assertThat(design.namespaces()).containsOnlyKeys("app", "leaf", "one", "top");
        // An interface's own sysctls are read back; the IPv6 switch apply throws on bridge ports is not the design's.
        assertThat(design.namespaces().get("leaf").sysctls()).containsEntry("net.ipv4.conf.eth0.rp_filter", "2")
                .containsEntry("net.ipv4.conf.eth0.arp_ignore", "1");
        assertThat(design.namespaces().get("top").sysctls()).doesNotContainKeys("net.ipv6.conf.p0.disable_ipv6", "net.ipv6.conf.br0.disable_ipv6");
        assertThat(design.namespaces().get("top").firewall().tables().get("filter").get("FORWARD").rules())
                .containsExactly(new Rule("tcp", null, null, "br0", "br0", null, "22", List.of(), null, List.of(), "ACCEPT",
                        null, null, null, null, null, null, "ssh"));
        Applier applier = Applier.onThisMachine();
        applier.apply(design, 0, Progress.NONE);
        try {
            assertThat(state(namespaces)).isEqualTo(before);
        } finally {
            applier.teardown(design.name(), 0, Progress.NONE);
        }
    }

    @Test
    void theCommandLineImportsTheKernelThroughTheInProcessLabService(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path out = dir.resolve("kernel.nslab.json");
        java.io.StringWriter err = new java.io.StringWriter();
        int exit;
        try {
            sh("ip netns add cli-a && ip netns add cli-b && ip -n cli-a link add eth0 type veth peer name eth0 netns cli-b"
                    + " && ip -n cli-a addr add 10.9.0.1/30 dev eth0 && ip -n cli-a link set eth0 up");
            exit = org.nslab.cli.Main.run(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err, true),
                    "import", "--kernel", "-o", out.toString());
        } finally {
            run("ip", "netns", "delete", "cli-a");
            run("ip", "netns", "delete", "cli-b");
        }
        assertThat(exit).as(err.toString()).isZero();
        Topology t = TopologyJson.load(out).topology();
        assertThat(t.name()).isEqualTo("cli");
        assertThat(t.veths()).hasSize(1);
        assertThat(t.veths().get(0).a().addresses()).containsExactly("10.9.0.1/30");
        assertThat(t.veths().get(0).b().isUp()).isFalse();
    }

    private static void sh(String command) {
        String out = run("sh", "-c", command + " && echo __ok");
        if (!out.contains("__ok")) throw new IllegalStateException(command + ": " + out);
    }

    /** Per namespace: links, addresses, routes as {@code ip -j} gives them, less what changes on every creation; and the rules. */
    private static Map<String, String> state(List<String> namespaces) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> out = new TreeMap<>();
        for (String ns : namespaces) {
            ArrayNode links = keep(json.readTree(run("ip", "-j", "-d", "-n", ns, "link", "show")),
                    List.of("ifname", "flags", "mtu", "address", "link_type", "master"));
            ArrayNode addrs = json.createArrayNode();
            for (JsonNode link : json.readTree(run("ip", "-j", "-n", ns, "addr", "show"))) {
                for (JsonNode a : link.path("addr_info")) {
                    // A bridge's link-local address comes from the MAC it had when made, which no design states.
                    if (a.path("scope").asText().equals("link") && a.path("family").asText().equals("inet6")) continue;
                    addrs.add(json.createObjectNode().put("dev", link.path("ifname").asText()).put("local", a.path("local").asText())
                            .put("prefixlen", a.path("prefixlen").asInt()).put("scope", a.path("scope").asText()));
                }
            }
            ArrayNode routes = keep(json.readTree(run("ip", "-j", "-n", ns, "route", "show", "table", "main")),
                    List.of("dst", "gateway", "dev", "scope", "type", "metric"));
            ArrayNode routes6 = keep(json.readTree(run("ip", "-j", "-6", "-n", ns, "route", "show", "table", "main")),
                    List.of("dst", "gateway", "dev", "metric"));
            String rules = run("ip", "netns", "exec", ns, "iptables", "-S");
            String forward = run("ip", "netns", "exec", ns, "sysctl", "-n", "net.ipv4.ip_forward");
            if (ns.equals("hb-leaf")) forward += run("ip", "netns", "exec", ns, "sysctl", "net.ipv4.conf.eth0.rp_filter", "net.ipv4.conf.eth0.arp_ignore");
            out.put(ns, sorted(links) + "\n" + sorted(addrs) + "\n" + sorted(routes) + "\n" + sorted(routes6) + "\n" + rules + forward);
        }
        return out;
    }

    /** Links, addresses and routes in one order: the kernel lists them in the order they were made. */
    private static List<String> sorted(ArrayNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.toString()));
        out.sort(null);
        return out;
    }

    private static ArrayNode keep(JsonNode list, List<String> fields) {
        ArrayNode out = new ObjectMapper().createArrayNode();
        for (JsonNode n : list) {
            ObjectNode o = out.addObject();
            for (String f : fields) if (n.has(f)) o.set(f, n.get(f));
            if (n.has("linkinfo")) o.put("kind", n.path("linkinfo").path("info_kind").asText());
        }
        return out;
    }

    /** What a design and the kernel both say, written one way: defaults left out, sets in one order, pairs oriented. */
    public static Topology normal(Topology t) {
        Map<String, Namespace> ns = new TreeMap<>();
        t.namespaces().forEach((id, n) -> {
            List<Route> routes = new ArrayList<>(n.routes());
            routes.sort(Comparator.comparing(Route::toString));
            ns.put(id, new Namespace(n.sysctls(), routes, firewall(n.firewall()), firewall(n.firewall6()), n.kernelName()));
        });
        Map<String, Bridge> bridges = new TreeMap<>();
        t.bridges().forEach((id, b) -> bridges.put(id, new Bridge(b.namespace() == null || b.namespace().equals(Topology.HOST) ? null : b.namespace(),
                id.equals(b.ifname()) ? null : b.ifname(), b.addresses(), Integer.valueOf(1500).equals(b.mtu()) ? null : b.mtu(),
                Boolean.TRUE.equals(b.stp()) ? true : null)));
        Map<String, Tun> tuns = new TreeMap<>();
        t.tuns().forEach((id, x) -> tuns.put(id, new Tun(x.namespace(), x.mode(), id.equals(x.ifname()) ? null : x.ifname(), x.addresses(),
                x.owner(), x.group(), Boolean.TRUE.equals(x.multiQueue()) ? true : null, x.isUp() ? null : false)));
        List<Veth> veths = new ArrayList<>();
        for (Veth v : t.veths()) {
            VethEnd a = end(v.a());
            VethEnd b = end(v.b());
            veths.add(key(a).compareTo(key(b)) <= 0 ? new Veth(a, b) : new Veth(b, a));
        }
        veths.sort(Comparator.comparing(v -> key(v.a()) + " " + key(v.b())));
        return Topology.empty(t.name()).withNamespaces(ns).withBridges(bridges).withTuns(tuns).withVeths(veths);
    }

    private static String key(VethEnd e) {
        return (e.bridge() != null ? "b:" + e.bridge() : "n:" + e.namespace()) + "/" + e.name();
    }

    /** MACs are the kernel's choice where the design has none, so neither side's is compared. */
    private static VethEnd end(VethEnd e) {
        return new VethEnd(e.namespace() != null && e.namespace().equals(Topology.HOST) && e.bridge() == null ? Topology.HOST : e.namespace(),
                e.bridge(), e.name(), e.addresses(), null, Integer.valueOf(1500).equals(e.mtu()) ? null : e.mtu(), e.isUp() ? null : false, e.netem());
    }

    private static Firewall firewall(Firewall f) {
        if (f == null || f.isEmpty()) return null;
        Map<String, Map<String, Chain>> tables = new TreeMap<>();
        f.tables().forEach((table, chains) -> {
            Map<String, Chain> out = new TreeMap<>();
            chains.forEach((name, c) -> {
                List<Rule> rules = new ArrayList<>();
                for (Rule r : c.rules()) {
                    List<String> state = new ArrayList<>(r.state());
                    state.sort(null);
                    rules.add(new Rule(r.proto(), r.source(), r.destination(), r.in(), r.out(), r.sport(), r.dport(), state, r.icmpType(),
                            r.not(), r.target(), r.toSource(), r.toDestination(), r.toPorts(), r.rejectWith(), r.logPrefix(), r.setMark(), r.comment()));
                }
                boolean builtIn = name.equals(name.toUpperCase());
                if (builtIn && "ACCEPT".equals(c.policy()) && rules.isEmpty()) return;
                out.put(name, new Chain("ACCEPT".equals(c.policy()) ? null : c.policy(), rules));
            });
            if (!out.isEmpty()) tables.put(table, out);
        });
        return tables.isEmpty() ? null : Firewall.of(tables);
    }
}
