package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Family;
import org.nslab.engine.netfilter.Hook;
import org.nslab.engine.netfilter.Netfilter;
import org.nslab.engine.netfilter.Table;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;
import org.nslab.engine.validate.Validator;
import org.nslab.helper.testing.KernelTest;

/**
 * Firewalls built by the fuzzer from the format's whole vocabulary (every match, target and option, each value either
 * one the format knows or fuzzed text): whenever the validator accepts the design, every firewall load its plan holds
 * (whole tables in a lab namespace, lab chains with {@code --noflush} in host, IPv4 and IPv6) is accepted by
 * iptables-restore / ip6tables-restore and the kernel. Each load goes into a network namespace of its own that dies
 * with the restore process (not {@code --test}: only a real load runs the kernel's checks of targets and their
 * places), inside the test sandbox.
 */
@KernelTest
class RenderedRulesFuzzKernelTest {
    private static final List<String> V4 = List.of("10.0.0.1", "10.0.0.0/8", "192.168.1.0/24", "0.0.0.0/0", "127.0.0.1/32");
    private static final List<String> V6 = List.of("fd00::1", "fd00::/64", "::/0", "::1/128", "2001:db8::7");
    private static final List<String> IFACES = List.of("eth0", "lo", "veth+", "br-lab", "e1.5");
    private static final List<String> PORTS = List.of("22", "0", "65535", "1000:2000", "80:80", ":1024", "1024:");
    private static final List<String> MARKS = List.of("0x1", "1", "0xff/0xff", "4294967295", "0x10/0xf0");
    private static final List<String> USER_CHAINS = List.of("WEB", "c1", "LOG-AND-DROP", "x_y");
    private static final List<String> MATCHES = Netfilter.NEGATABLE;

    private static final AtomicLong INPUTS = new AtomicLong();
    private static final AtomicLong VALID = new AtomicLong();
    private static final AtomicLong LOADS = new AtomicLong();
    private static final AtomicLong RULES = new AtomicLong();

    /** How much of what the fuzzer made reached the kernel: invalid designs stop at the validator. */
    @AfterAll
    static void report() {
        System.out.printf("rendered rules: %d inputs, %d valid designs, %d firewall loads of %d rules, all accepted%n",
                INPUTS.get(), VALID.get(), LOADS.get(), RULES.get());
    }

    @FuzzTest(maxDuration = "30s")
    void everyValidFirewallLoads(FuzzedDataProvider data) throws Exception {
        INPUTS.incrementAndGet();
        // Three designs in four are meant to be valid; the fourth has fields broken on purpose here and there.
        breaking = data.consumeInt(0, 3) == 0;
        Namespace lab = Namespace.empty();
        if (data.consumeBoolean()) lab = lab.withFirewall(firewall(data, Family.IPV4));
        if (data.consumeBoolean()) lab = lab.withFirewall6(firewall(data, Family.IPV6));
        Map<String, Namespace> namespaces = new LinkedHashMap<>();
        namespaces.put("n", lab);
        if (data.consumeBoolean()) {
            Namespace host = Namespace.empty();
            if (data.consumeBoolean()) host = host.withFirewall(firewall(data, Family.IPV4));
            if (data.consumeBoolean()) host = host.withFirewall6(firewall(data, Family.IPV6));
            namespaces.put(Topology.HOST, host);
        }
        Topology design = Topology.empty("fz").withNamespaces(namespaces);
        if (!Validator.validate(design).isEmpty()) return;
        VALID.incrementAndGet();
        for (Operation op : Planner.apply(design)) {
            if (op instanceof Operation.LoadFirewall load) {
                LOADS.incrementAndGet();
                RULES.addAndGet(load.restoreInput().lines().filter(l -> l.startsWith("-A ")).count());
                String refused = load(load);
                assertThat(refused).as("%s of a valid design:\n%s", load.netns(), load.restoreInput()).isNull();
            }
        }
    }

    private static Firewall firewall(FuzzedDataProvider data, Family family) {
        Map<String, Map<String, Chain>> tables = new LinkedHashMap<>();
        int tableCount = data.consumeInt(1, 3);
        for (int t = 0; t < tableCount; t++) {
            Table table = data.pickValue(Netfilter.TABLES);
            String tableName = rarely(data) ? data.consumeString(8) : table.iptablesName();
            Map<String, Chain> chains = tables.computeIfAbsent(tableName, k -> new LinkedHashMap<>());
            List<String> userChains = data.consumeBoolean() ? List.of() : List.of(data.pickValue(USER_CHAINS));
            List<String> names = new ArrayList<>(userChains);
            int builtIns = data.consumeInt(1, 2);
            for (int c = 0; c < builtIns; c++) names.add(data.pickValue(table.hooks()).toString());
            if (rarely(data)) names.add(data.consumeString(12));
            for (String chain : names) {
                boolean builtIn = table.hooks().stream().anyMatch(h -> h.name().equals(chain));
                String policy = !builtIn || !table.takesPolicy() || data.consumeBoolean() ? null
                        : rarely(data) ? data.consumeString(8) : data.pickValue(Netfilter.POLICIES);
                List<Rule> rules = new ArrayList<>();
                int ruleCount = data.consumeInt(0, 4);
                for (int r = 0; r < ruleCount; r++) rules.add(rule(data, family, table, builtIn ? Hook.valueOf(chain) : null, userChains));
                chains.put(chain, new Chain(policy, rules));
            }
        }
        return Firewall.of(tables);
    }

    /**
     * A rule that is valid most of the time: a target allowed where it stands, only that target's options, ports only
     * with TCP or UDP, an ICMP type only with ICMP; each field is sometimes broken on purpose (fuzzed text, or a field
     * where it does not belong), which the validator must catch before the kernel would.
     */
    private static Rule rule(FuzzedDataProvider data, Family family, Table table, Hook hook, List<String> userChains) {
        List<String> addresses = family == Family.IPV4 ? V4 : V6;
        List<String> targets = new ArrayList<>();
        for (String t : Netfilter.TARGETS) {
            if (hook == null ? !Netfilter.hooksFor(t, table).isEmpty() : Netfilter.hooksFor(t, table).contains(hook)) targets.add(t);
        }
        targets.addAll(userChains);
        String target = rarely(data) ? data.consumeString(12) : targets.isEmpty() || rarely(data) ? data.pickValue(Netfilter.TARGETS) : data.pickValue(targets);
        String proto = switch (data.consumeInt(0, 9)) {
            case 0, 1, 2 -> "tcp";
            case 3 -> "udp";
            case 4, 5 -> Netfilter.icmp(family);
            case 6 -> "all";
            default -> null;
        };
        if (rarely(data)) proto = data.consumeString(6);
        boolean ports = "tcp".equals(proto) || "udp".equals(proto) || rarely(data);
        boolean icmp = Netfilter.icmp(family).equals(proto) || rarely(data);
        String sport = ports ? maybe(data, PORTS) : null;
        String dport = ports ? maybe(data, PORTS) : null;
        String icmpType = icmp ? maybe(data, List.copyOf(Netfilter.icmpTypes(family))) : null;
        String source = maybe(data, addresses);
        String destination = maybe(data, addresses);
        String in = maybe(data, IFACES);
        String out = maybe(data, IFACES);
        List<String> state = data.consumeBoolean() ? List.of() : pick(data, Netfilter.STATES);
        if (rarely(data)) state = List.of(data.consumeString(10));
        String toSource = option(data, "SNAT".equals(target), withPorts(addresses, family));
        String toDestination = option(data, "DNAT".equals(target), withPorts(addresses, family));
        String toPorts = option(data, ("MASQUERADE".equals(target) || "REDIRECT".equals(target)) && ports, List.of("80", "1000-2000", "8080"));
        String rejectWith = option(data, "REJECT".equals(target), Netfilter.rejectWith(family));
        String logPrefix = option(data, "LOG".equals(target), List.of("dropped: ", "nslab", "a\"b", "x\\y", "it's"));
        String setMark = option(data, "MARK".equals(target), MARKS);
        Map<String, String> set = new LinkedHashMap<>();
        set.put("proto", proto);
        set.put("source", source);
        set.put("destination", destination);
        set.put("in", in);
        set.put("out", out);
        set.put("sport", sport);
        set.put("dport", dport);
        set.put("state", state.isEmpty() ? null : "x");
        set.put("icmpType", icmpType);
        List<String> not = new ArrayList<>();
        for (String match : MATCHES) {
            if ((set.get(match) != null || rarely(data)) && data.consumeInt(0, 4) == 0) not.add(match);
        }
        String comment = data.consumeInt(0, 3) == 0 ? data.pickValue(List.of("web traffic", "it's", "\"quoted\"", "ümlaut", "a\\b")) : null;
        if (rarely(data)) comment = data.consumeString(20);
        return new Rule(proto, source, destination, in, out, sport, dport, state, icmpType, not, target,
                toSource, toDestination, toPorts, rejectWith, logPrefix, setMark, comment);
    }

    private static List<String> withPorts(List<String> addresses, Family family) {
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            if (a.contains("/")) continue;
            out.add(a);
            out.add(family == Family.IPV4 ? a + ":80" : "[" + a + "]:80");
            out.add(family == Family.IPV4 ? a + "-10.0.0.9" : a + "-fd00::9");
        }
        return out;
    }

    /** A target's option: usually there (a known value) with its target, rarely without it or as fuzzed text. */
    private static String option(FuzzedDataProvider data, boolean belongs, List<String> known) {
        if (rarely(data)) return data.consumeString(16);
        if (belongs) return data.consumeInt(0, 3) == 0 ? null : data.pickValue(known);
        return rarely(data) ? data.pickValue(known) : null;
    }

    /** Absent half of the time, else a value the format knows, rarely any text the fuzzer makes. */
    private static String maybe(FuzzedDataProvider data, List<String> known) {
        if (rarely(data)) return data.consumeString(16);
        return data.consumeBoolean() ? null : data.pickValue(known);
    }

    private static boolean breaking;

    /** In a design being broken, one field in 16 is. */
    private static boolean rarely(FuzzedDataProvider data) {
        return breaking && data.consumeInt(0, 15) == 0;
    }

    private static List<String> pick(FuzzedDataProvider data, List<String> from) {
        List<String> out = new ArrayList<>();
        for (String s : from) if (data.consumeInt(0, 3) == 0) out.add(s);
        return out;
    }

    /** Null when the restore tool and the kernel took the load, else what they said. */
    private static String load(Operation.LoadFirewall load) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("unshare", "--net",
                load.family() == Family.IPV4 ? "iptables-restore" : "ip6tables-restore", "-w", "5"));
        if (load.noflush()) argv.add("--noflush");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(load.restoreInput().getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "timed out";
        }
        return p.exitValue() == 0 ? null : "exit " + p.exitValue() + ": " + said;
    }
}
