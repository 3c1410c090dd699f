package org.nslab.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.validate.Validator;

/**
 * The generator and the mutator make only valid designs, the same ones for the same seed, that survive the file
 * format unchanged; and over a few thousand seeds they reach every part of the format the kernel suite relies on.
 * {@code -Dnslab.generated.seeds=N} checks more seeds.
 */
class GeneratedDesignsTest {
    static final int SEEDS = Integer.getInteger("nslab.generated.seeds", 3000);
    static final DesignGenerator.Options NETEM = new DesignGenerator.Options(true, 6);

    @Test
    void everyGeneratedAndMutatedDesignIsValidAndSurvivesTheFileFormat() {
        List<String> invalid = new ArrayList<>();
        int edits = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            DesignGenerator.Options options = seed % 3 == 0 ? NETEM : DesignGenerator.Options.DEFAULT;
            Topology t = DesignGenerator.generate(seed, options);
            check("seed " + seed, t, invalid);
            DesignMutator.Mutation m = DesignMutator.mutate(t, seed, options);
            check("seed " + seed + " mutated by " + m.edits(), m.design(), invalid);
            edits += m.edits().size();
            if (invalid.size() > 5) break;
        }
        assertThat(invalid).isEmpty();
        System.out.printf("generated and mutated %d designs (%d edits), every one valid%n", SEEDS, edits);
        assertThat(edits).isGreaterThan(SEEDS);
    }

    private static void check(String what, Topology t, List<String> invalid) {
        var problems = Validator.validate(t);
        if (!problems.isEmpty()) {
            invalid.add(what + ": " + problems.get(0).format() + "\n" + TopologyJson.write(t));
            return;
        }
        LoadResult back = TopologyJson.parse(TopologyJson.write(t), "generated.nslab.json");
        if (!back.ok() || !back.topology().equals(t)) invalid.add(what + ": changes through the file format: " + back.problems());
    }

    @Test
    void theSameSeedMakesTheSameDesignAndTheSameEdits() {
        for (long seed : new long[] {1, 77, 20261207, -5, Long.MAX_VALUE}) {
            Topology t = DesignGenerator.generate(seed);
            assertThat(DesignGenerator.generate(seed)).isEqualTo(t);
            assertThat(DesignMutator.mutate(t, seed, DesignGenerator.Options.DEFAULT))
                    .isEqualTo(DesignMutator.mutate(t, seed, DesignGenerator.Options.DEFAULT));
            assertThat(Validator.validate(t)).isEmpty();
        }
        assertThat(DesignGenerator.generate(1)).isNotEqualTo(DesignGenerator.generate(2));
    }

    @Test
    void labsOfConsecutiveSeedsShareNoNameInHostNorAnyAddress() {
        Set<String> hostNames = new TreeSet<>();
        Set<String> kernelNames = new TreeSet<>();
        for (long seed = 500; seed < 500 + 12; seed++) {
            Topology t = DesignGenerator.generate(seed);
            for (String id : t.namespaces().keySet()) if (!id.equals(Topology.HOST)) assertThat(kernelNames.add(t.kernelName(id))).isTrue();
            t.bridges().forEach((id, b) -> {
                if (b.namespaceOrHost().equals(Topology.HOST)) assertThat(hostNames.add(b.ifnameOr(id))).as(b.ifnameOr(id)).isTrue();
            });
            for (Veth v : t.veths()) {
                for (VethEnd e : List.of(v.a(), v.b())) {
                    if (Topology.HOST.equals(e.namespaceIn(t))) assertThat(hostNames.add(e.name())).as(e.name()).isTrue();
                    for (String a : e.addresses()) assertThat(a).matches("(10\\." + (20 + seed % 200) + "\\.|fd00:" + (20 + seed % 200) + ":).*");
                }
            }
        }
    }

    @Test
    void theSeedsReachEveryPartOfTheFormat() {
        Set<String> seen = new TreeSet<>();
        Set<String> edits = new TreeSet<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            DesignGenerator.Options options = seed % 3 == 0 ? NETEM : DesignGenerator.Options.DEFAULT;
            Topology t = DesignGenerator.generate(seed, options);
            features(t, seen);
            for (String e : DesignMutator.mutate(t, seed, options).edits()) edits.add(e.replaceFirst("^[a-z0-9_-]+: ", "").split(" ")[0]);
        }
        assertThat(seen).containsAll(List.of("kernelName", "hostname", "hosts", "run", "sysctl", "interface sysctl", "route via",
                "route dev", "route via dev", "route metric", "route default", "route link-local", "route6", "firewall", "firewall6",
                "host firewall", "host route", "host sysctl", "policy", "user chain", "bridge in host", "bridge in namespace",
                "bridge address", "bridge mtu", "stp", "tun", "tap", "tun in host", "tun owner", "multiQueue", "tun down",
                "veth one namespace", "veth to host", "bridge to bridge", "ipv6 address", "mac", "mtu", "down", "netem",
                "etcHosts false", "layout", "negation"));
        for (String target : org.nslab.engine.netfilter.Netfilter.TARGETS) assertThat(seen).contains("target " + target);
        for (String option : List.of("toSource", "toDestination", "toPorts", "rejectWith", "logPrefix", "setMark")) {
            assertThat(seen).contains("option " + option);
        }
        for (String match : org.nslab.engine.netfilter.Netfilter.NEGATABLE) {
            assertThat(seen).contains("match " + match, "not " + match);
        }
        assertThat(seen).contains("match comment");
        assertThat(edits).containsAll(List.of("add", "remove", "rename", "move", "address", "route", "sysctl", "run", "stop", "hostname",
                "hosts", "set", "impair", "kernel", "etcHosts", "policy", "new", "change"));
    }

    private static void features(Topology t, Set<String> seen) {
        if (!t.writesEtcHosts()) seen.add("etcHosts false");
        if (!t.layout().isEmpty()) seen.add("layout");
        t.namespaces().forEach((id, ns) -> namespace(id, ns, seen));
        t.bridges().forEach((id, b) -> {
            seen.add(b.namespaceOrHost().equals(Topology.HOST) ? "bridge in host" : "bridge in namespace");
            if (!b.addresses().isEmpty()) seen.add("bridge address");
            if (b.mtu() != null) seen.add("bridge mtu");
            if (b.stp() != null) seen.add("stp");
        });
        t.tuns().forEach((id, d) -> {
            seen.add(d.mode().name().toLowerCase());
            if (d.namespaceOrHost().equals(Topology.HOST)) seen.add("tun in host");
            if (d.owner() != null || d.group() != null) seen.add("tun owner");
            if (d.multiQueue() != null) seen.add("multiQueue");
            if (!d.isUp()) seen.add("tun down");
        });
        for (Veth v : t.veths()) {
            String a = v.a().namespaceIn(t);
            String b = v.b().namespaceIn(t);
            if (a.equals(b) && v.a().bridge() == null && v.b().bridge() == null) seen.add("veth one namespace");
            if (v.a().bridge() != null && v.b().bridge() != null) seen.add("bridge to bridge");
            for (VethEnd e : List.of(v.a(), v.b())) {
                if (Topology.HOST.equals(e.namespace())) seen.add("veth to host");
                if (e.addresses().stream().anyMatch(x -> x.contains(":"))) seen.add("ipv6 address");
                if (e.mac() != null) seen.add("mac");
                if (e.mtu() != null) seen.add("mtu");
                if (!e.isUp()) seen.add("down");
                if (e.netem() != null) seen.add("netem");
            }
        }
    }

    private static void namespace(String id, Namespace ns, Set<String> seen) {
        boolean host = id.equals(Topology.HOST);
        if (ns.kernelName() != null) seen.add("kernelName");
        if (ns.hostname() != null) seen.add("hostname");
        if (!ns.hosts().isEmpty()) seen.add("hosts");
        if (!ns.run().isEmpty()) seen.add("run");
        ns.sysctls().keySet().forEach(k -> seen.add(host ? "host sysctl" : Tidy.interfaceOf(k) != null ? "interface sysctl" : "sysctl"));
        for (Route r : ns.routes()) {
            if (host) seen.add("host route");
            seen.add("route " + (r.via() != null && r.dev() != null ? "via dev" : r.via() != null ? "via" : "dev"));
            if (r.metric() != null) seen.add("route metric");
            if (r.to().equals(Route.DEFAULT)) seen.add("route default");
            if (r.via() != null && r.via().startsWith("fe80")) seen.add("route link-local");
            if (r.to().contains(":") || r.via() != null && r.via().contains(":")) seen.add("route6");
        }
        firewall(ns.firewall(), host ? "host firewall" : "firewall", seen);
        firewall(ns.firewall6(), "firewall6", seen);
    }

    private static void firewall(Firewall fw, String name, Set<String> seen) {
        if (fw == null) return;
        seen.add(name);
        fw.tables().forEach((table, chains) -> chains.forEach((chain, c) -> {
            if (c.policy() != null) seen.add("policy");
            if (chain.equals(RandomRules.USER_CHAIN)) seen.add("user chain");
            for (Rule r : c.rules()) rule(r, seen);
        }));
    }

    private static void rule(Rule r, Set<String> seen) {
        seen.add("target " + (r.target().equals(RandomRules.USER_CHAIN) ? "user chain" : r.target()));
        String[][] fields = {{"proto", r.proto()}, {"source", r.source()}, {"destination", r.destination()}, {"in", r.in()},
                {"out", r.out()}, {"sport", r.sport()}, {"dport", r.dport()}, {"state", r.state().isEmpty() ? null : "x"},
                {"icmpType", r.icmpType()}, {"comment", r.comment()}};
        for (String[] f : fields) if (f[1] != null) seen.add("match " + f[0]);
        for (String n : r.not()) seen.add("not " + n);
        if (!r.not().isEmpty()) seen.add("negation");
        String[][] options = {{"toSource", r.toSource()}, {"toDestination", r.toDestination()}, {"toPorts", r.toPorts()},
                {"rejectWith", r.rejectWith()}, {"logPrefix", r.logPrefix()}, {"setMark", r.setMark()}};
        for (String[] o : options) if (o[1] != null) seen.add("option " + o[0]);
    }

}
