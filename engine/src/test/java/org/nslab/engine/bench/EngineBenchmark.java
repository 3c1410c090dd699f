package org.nslab.engine.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;
import org.nslab.engine.validate.Validator;

/**
 * How long the engine takes on a 10,000-namespace design, in a warm JVM: load (parse, bind and validate the
 * file's text), validate alone, plan (apply order) and diff (one namespace changed). Prints the median of
 * several timed rounds after warm-up rounds. Run from the repository root, after a build:
 * <pre>
 * java -cp engine/target/classes:engine/target/test-classes:"engine/target/lib/*" \
 *     org.nslab.engine.bench.EngineBenchmark [namespaces]
 * </pre>
 */
public final class EngineBenchmark {
    private EngineBenchmark() {}

    static final int WARMUP = 5;
    static final int ROUNDS = 9;

    /**
     * {@code n} namespaces, each with one veth to a port of one of {@code n/100} bridges in a "core"
     * namespace, an address, a default route; every tenth also forwards and filters.
     */
    static Topology design(int n) {
        Map<String, Namespace> namespaces = new TreeMap<>();
        Map<String, Bridge> bridges = new TreeMap<>();
        List<Veth> veths = new ArrayList<>();
        int perBridge = 100;
        namespaces.put("core", Namespace.empty());
        for (int b = 0; b < (n + perBridge - 1) / perBridge; b++) {
            bridges.put("br" + b, new Bridge("core", null, List.of("10." + (b / 256) + "." + (b % 256) + ".1/24"), null, null));
        }
        Firewall fw = Firewall.of(Map.of("filter", Map.of("FORWARD", new Chain("DROP", List.of(
                new Rule("tcp", null, null, "eth0", null, null, "80", List.of("NEW"), null, null, "ACCEPT",
                        null, null, null, null, null, null, "web"))))));
        for (int i = 0; i < n; i++) {
            int b = i / perBridge;
            String gw = "10." + (b / 256) + "." + (b % 256) + ".1";
            String addr = "10." + (b / 256) + "." + (b % 256) + "." + (i % perBridge + 2) + "/24";
            Namespace ns = Namespace.empty().withRoutes(List.of(new Route("default", gw, null, null)));
            if (i % 10 == 0) ns = ns.withSysctls(Map.of("net.ipv4.ip_forward", "1")).withFirewall(fw);
            namespaces.put("n" + i, ns);
            veths.add(new Veth(new VethEnd("n" + i, null, "eth0", List.of(addr), null, null, null),
                    new VethEnd(null, "br" + b, "p" + i, null, null, null, null)));
        }
        return Topology.empty("bench").withNamespaces(namespaces).withBridges(bridges).withVeths(veths);
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Topology design = design(n);
        String text = TopologyJson.write(design);
        LoadResult check = TopologyJson.parse(text, "bench.nslab.json");
        if (!check.ok()) throw new IllegalStateException("generated design is invalid: " + check.problems().subList(0, 1));
        Topology changed = changeOne(design);

        System.out.printf("design: %d namespaces, %d bridges, %d veths, %d KiB of JSON; %d plan steps%n",
                design.namespaces().size(), design.bridges().size(), design.veths().size(), text.length() / 1024,
                Planner.apply(design).size());
        System.out.printf("JVM %s, %d processors; %d warm-up rounds, median of %d%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), WARMUP, ROUNDS);
        time("load (parse + bind + validate)", () -> TopologyJson.parse(text, "bench.nslab.json"));
        time("validate", () -> Validator.validate(design));
        time("plan (apply)", () -> Planner.apply(design));
        time("plan (teardown)", () -> Planner.teardown(design));
        List<Operation> diff = Planner.diff(design, changed);
        time("diff (one namespace changed: " + diff.size() + " steps)", () -> Planner.diff(design, changed));
        Topology renumbered = renumber(design);
        List<Operation> big = Planner.diff(design, renumbered);
        time("diff (every address moved: " + big.size() + " steps)", () -> Planner.diff(design, renumbered));
    }

    /** Every namespace's address moves within its subnet, so every gateway route is re-added: a diff as large as the lab. */
    private static Topology renumber(Topology t) {
        List<Veth> veths = new ArrayList<>();
        for (Veth v : t.veths()) {
            VethEnd a = v.a();
            List<String> moved = new ArrayList<>();
            for (String addr : a.addresses()) {
                int dot = addr.lastIndexOf('.');
                int slash = addr.indexOf('/');
                moved.add(addr.substring(0, dot + 1) + (Integer.parseInt(addr.substring(dot + 1, slash)) + 100) + addr.substring(slash));
            }
            veths.add(new Veth(new VethEnd(a.namespace(), a.bridge(), a.name(), moved, a.mac(), a.mtu(), a.up()), v.b()));
        }
        return t.withVeths(veths);
    }

    private static Topology changeOne(Topology t) {
        Map<String, Namespace> ns = new TreeMap<>(t.namespaces());
        ns.put("n5", ns.get("n5").withSysctls(Map.of("net.ipv4.ip_forward", "1")));
        return t.withNamespaces(ns);
    }

    private static void time(String what, Supplier<Object> work) {
        long sink = 0;
        for (int i = 0; i < WARMUP; i++) sink += work.get().hashCode();
        long[] ms = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            sink += work.get().hashCode();
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.printf("%-45s median %5d ms  (min %d, max %d)%s%n", what, ms[ROUNDS / 2], ms[0], ms[ROUNDS - 1],
                sink == 42 ? " " : "");
    }
}
