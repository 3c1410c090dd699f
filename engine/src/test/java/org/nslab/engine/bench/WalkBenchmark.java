package org.nslab.engine.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.nslab.engine.generate.TopologyGenerator;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.validate.Validator;
import org.nslab.engine.walk.PacketWalker;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.walk.TraceRequest;
import org.nslab.engine.walk.Walk;

/**
 * Walks per second through a chain of routers (each with two veths, forwarding, routes and ten iptables rules),
 * across (up to 60 forwards: the TTL allows 63) and back: on 100 routers, against two baselines in the same run: the same 100 routers without
 * firewalls (what netfilter costs) and a 10-router chain (how the walk scales). Run: {@code ./nslab bench walk [routers]}.
 */
public final class WalkBenchmark {
    private WalkBenchmark() {}

    static final int ROUNDS = 7;

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Topology full = withDefaultRoutes(TopologyGenerator.routers("bench", n));
        if (!Validator.validate(full).isEmpty()) throw new IllegalStateException("generated design is invalid");
        Topology bare = withoutFirewalls(full);
        Topology small = withDefaultRoutes(TopologyGenerator.routers("bench", 10));
        System.out.printf("JVM %s, %d processors; median of %d rounds of 1 s after 2 s of warm-up%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), ROUNDS);
        double main = measure(full, n + " routers, tcp/80 with firewalls");
        double noFw = measure(bare, n + " routers, tcp/80 without firewalls");
        double ten = measure(small, "10 routers, tcp/80 with firewalls");
        System.out.printf("ratios: netfilter costs %.2fx (%d routers with / without firewalls); %d routers take %.1fx as long as 10%n",
                noFw / main, n, n, ten / main);
    }

    private static double measure(Topology t, String label) {
        PacketWalker walker = new PacketWalker(t);
        // A TTL of 64 crosses at most 63 routers: beyond 60, the walk goes to router 61's near address.
        int link = Math.min(t.veths().size() - 1, 60);
        IpAddress right = IpAddress.parse(t.veths().get(link).b().addresses().get(0).replace("/24", ""));
        TraceRequest r = TraceRequest.of("left", right, Protocol.TCP, 80);
        Walk check = walker.walk(r);
        if (!check.delivered()) throw new IllegalStateException(label + ": the walk is not delivered: " + check.decidingLeg().reason());
        run(walker, r, 2_000_000_000L);
        double[] rates = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) rates[i] = run(walker, r, 1_000_000_000L);
        Arrays.sort(rates);
        double median = rates[ROUNDS / 2];
        System.out.printf("%-42s %,10.0f walks/s (%d steps per walk, request and reply)%n", label, median,
                check.requestLeg().steps().size() + check.reply().steps().size());
        return median;
    }

    private static double run(PacketWalker walker, TraceRequest r, long nanos) {
        long start = System.nanoTime();
        long count = 0;
        long sink = 0;
        while (System.nanoTime() - start < nanos) {
            sink += walker.walk(r).requestLeg().steps().size();
            count++;
        }
        if (sink == 0) throw new IllegalStateException();
        return count * 1e9 / (System.nanoTime() - start);
    }

    /** Each router also gets a default route to its right neighbour, so any link's address is reachable from the left. */
    private static Topology withDefaultRoutes(Topology t) {
        Map<String, Namespace> ns = new TreeMap<>(t.namespaces());
        for (int i = 1; i < t.veths().size() - 1; i++) {
            Namespace r = ns.get("r" + i);
            java.util.List<org.nslab.engine.model.Route> routes = new java.util.ArrayList<>(r.routes());
            routes.add(new org.nslab.engine.model.Route("default", t.veths().get(i).b().addresses().get(0).replace("/24", ""), null, null));
            ns.put("r" + i, r.withRoutes(routes));
        }
        return t.withNamespaces(ns);
    }

    private static Topology withoutFirewalls(Topology t) {
        Map<String, Namespace> ns = new TreeMap<>();
        t.namespaces().forEach((k, v) -> ns.put(k, v.withFirewall(null)));
        return t.withNamespaces(ns);
    }
}
