package org.nslab.helper.property;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.nslab.engine.generate.DesignGenerator;
import org.nslab.engine.generate.DesignMutator;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.HostSnapshot;

/**
 * Runs property cases in batches of labs side by side: for each seed, generate a design, apply it, read the kernel
 * back and compare; mutate it, re-apply, compare again, and check that the objects both designs share kept their
 * ifindex and their namespace (an open connection in one untouched namespace too); re-apply once more and expect
 * no step; tear down and expect nothing left. Each failure names its seed and stage; the designs of a failed seed
 * are written under target/property-failures.
 */
final class PropertyCases {
    record Failure(long seed, String stage, List<String> details) {
        @Override
        public String toString() {
            return "seed " + seed + " (" + stage + "):\n    " + String.join("\n    ", details.subList(0, Math.min(details.size(), 12)))
                    + (details.size() > 12 ? "\n    … " + (details.size() - 12) + " more" : "");
        }
    }

    /** Counts for the report. */
    static final class Tally {
        int cases;
        int edits;
        int links;
        int rules;
        int sockets;
        int keptObjects;
        /** Impaired veth ends whose netem qdisc was compared field by field. */
        int qdiscs;
        /** Seconds spent per stage. */
        final java.util.Map<String, Double> seconds = new java.util.TreeMap<>();

        void time(String stage, long t0) {
            seconds.merge(stage, (System.nanoTime() - t0) / 1e9, Double::sum);
        }
        final List<Failure> failures = new ArrayList<>();
    }

    private final Applier applier = Applier.onThisMachine();
    private final DesignGenerator.Options options;
    final Tally tally = new Tally();

    PropertyCases(DesignGenerator.Options options) {
        this.options = options;
    }

    private static final class Lab {
        final long seed;
        final Topology design;
        Topology mutated;
        List<String> edits = List.of();
        boolean broken;
        boolean applied;
        SocketHolder holder;
        String untouched;

        Lab(long seed, Topology design) {
            this.seed = seed;
            this.design = design;
        }

        String tag() {
            String t = Long.toString(Math.floorMod(seed, 36L * 36 * 36), 36);
            while (t.length() < 3) t = "0" + t;
            return t;
        }
    }

    void batch(List<Long> seeds) {
        HostSnapshot before = HostSnapshot.take();
        List<Lab> labs = new ArrayList<>();
        for (long s : seeds) labs.add(new Lab(s, DesignGenerator.generate(s, options)));
        try {
            long t0 = System.nanoTime();
            for (Lab lab : labs) apply(lab, lab.design, "apply");
            tally.time("apply", t0);
            t0 = System.nanoTime();
            KernelView first = read(labs, false);
            tally.time("read", t0);
            for (Lab lab : labs) {
                if (lab.broken) continue;
                compare(lab, lab.design, first, "after apply");
                DesignMutator.Mutation m = DesignMutator.mutate(lab.design, lab.seed, options);
                lab.mutated = m.design();
                lab.edits = m.edits();
                tally.edits += m.edits().size();
                String untouched = untouchedNamespace(lab.design, lab.mutated);
                lab.untouched = untouched;
            }
            long h0 = System.nanoTime();
            for (Lab lab : labs) if (!lab.broken && lab.untouched != null) lab.holder = SocketHolder.open(lab.untouched);
            tally.time("socket holder", h0);
            t0 = System.nanoTime();
            for (Lab lab : labs) if (!lab.broken) apply(lab, lab.mutated, "re-apply after " + lab.edits);
            tally.time("re-apply", t0);
            t0 = System.nanoTime();
            KernelView second = read(labs, true);
            tally.time("read", t0);
            for (Lab lab : labs) {
                if (lab.broken) continue;
                compare(lab, lab.mutated, second, "after re-apply of " + lab.edits);
                kept(lab, first, second);
            }
            t0 = System.nanoTime();
            for (Lab lab : labs) {
                if (lab.broken) continue;
                ApplyResult again = applyQuietly(lab, lab.mutated, "third apply");
                if (again != null && again.changes() != 0) fail(lab, "re-apply of an applied design", again.steps());
            }
            tally.time("no-op apply", t0);
        } finally {
            long t0 = System.nanoTime();
            // In the order applied: the first lab leaves host tables the later ones still use.
            for (Lab lab : labs) {
                if (lab.holder != null) lab.holder.close();
                try {
                    applier.teardown(lab.design.name(), 0, Progress.NONE);
                } catch (Exception e) {
                    fail(lab, "teardown", List.of(String.valueOf(e.getMessage())));
                }
            }
            tally.time("teardown", t0);
        }
        long t1 = System.nanoTime();
        List<String> residue = HostSnapshot.settledDifferencesFrom(before);
        tally.time("residue check", t1);
        if (!residue.isEmpty()) {
            for (Lab lab : labs) fail(lab, "teardown left residue (the batch's labs together)", residue);
            org.nslab.helper.testing.ZeroResidueExtension.scrub(before);
        }
        tally.cases += labs.size();
        for (Lab lab : labs) if (lab.broken) keep(lab);
    }

    private void apply(Lab lab, Topology design, String stage) {
        if (applyQuietly(lab, design, stage) != null) lab.applied = true;
    }

    private ApplyResult applyQuietly(Lab lab, Topology design, String stage) {
        try {
            return applier.apply(design, 0, Progress.NONE);
        } catch (Exception e) {
            List<String> details = new ArrayList<>(List.of(e.getClass().getSimpleName() + ": " + e.getMessage()));
            if (e instanceof org.nslab.helper.apply.ApplyException a) details.addAll(a.details());
            fail(lab, stage, details);
            return null;
        }
    }

    private KernelView read(List<Lab> labs, boolean mutated) {
        List<KernelView.Ask> asks = new ArrayList<>();
        // One read of host for the whole batch, asking for every lab's host sysctls.
        List<String> hostPaths = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Lab lab : labs) {
            if (lab.broken) continue;
            for (KernelView.Ask a : Conformance.asks(mutated ? lab.mutated : lab.design)) {
                if (a.netns().equals("host")) {
                    for (String p : a.sysctlPaths()) if (!hostPaths.contains(p)) hostPaths.add(p);
                } else if (seen.add(a.netns())) {
                    asks.add(a);
                }
            }
        }
        asks.add(0, new KernelView.Ask("host", hostPaths));
        return KernelView.read(asks, options.netem());
    }

    private void compare(Lab lab, Topology design, KernelView view, String stage) {
        List<String> diffs = Conformance.differences(design, view, lab.tag(), Set.of());
        tally.links += 2 * design.veths().size() + design.bridges().size() + design.tuns().size();
        for (Veth v : design.veths()) tally.qdiscs += (v.a().netem() != null ? 1 : 0) + (v.b().netem() != null ? 1 : 0);
        design.namespaces().values().forEach(ns -> {
            for (var fw : java.util.Arrays.asList(ns.firewall(), ns.firewall6())) {
                if (fw != null) fw.tables().values().forEach(chains -> chains.values().forEach(c -> tally.rules += c.rules().size()));
            }
        });
        if (!diffs.isEmpty()) fail(lab, stage + ": the kernel is not the design", diffs);
    }

    /** A namespace both designs have under one kernel name, for the socket holder. */
    static String untouchedNamespace(Topology a, Topology b) {
        for (String id : a.namespaces().keySet()) {
            if (id.equals(Topology.HOST)) continue;
            String kn = a.kernelName(id);
            for (String other : b.namespaces().keySet()) if (!other.equals(Topology.HOST) && b.kernelName(other).equals(kn)) return kn;
        }
        return null;
    }

    /** Links both designs make alike (same kind, namespace, name, and for a veth the same peer) keep their ifindex. */
    private void kept(Lab lab, KernelView first, KernelView second) {
        List<String> problems = new ArrayList<>();
        Map<String, List<String[]>> before = identities(lab.design);
        Map<String, List<String[]>> after = identities(lab.mutated);
        for (var e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) continue;
            for (String[] link : e.getValue()) {
                JsonNode a = link(first, link);
                JsonNode b = link(second, link);
                if (a == null || b == null) continue; // reported by the comparison already
                tally.keptObjects++;
                if (a.path("ifindex").asInt() != b.path("ifindex").asInt()) {
                    problems.add(e.getKey() + ": " + link[0] + " " + link[1] + " was made again (ifindex " + a.path("ifindex").asInt() + " → "
                            + b.path("ifindex").asInt() + ")");
                }
            }
        }
        for (String id : lab.design.namespaces().keySet()) {
            if (id.equals(Topology.HOST)) continue;
            String kn = lab.design.kernelName(id);
            KernelView.Space a = first.spaces().get(kn);
            KernelView.Space b = second.spaces().get(kn);
            if (a != null && b != null && a.inode() != null && !a.inode().equals(b.inode())) {
                problems.add("namespace " + kn + " was made again (inode " + a.inode() + " → " + b.inode() + ")");
            }
        }
        if (lab.holder != null && lab.holder.connected()) {
            try {
                if (!lab.holder.establishedThere()) {
                    problems.add("the open connection in " + lab.holder.netns + " is not established there any more");
                }
                tally.sockets++;
            } catch (IOException e) {
                problems.add("the open connection: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) fail(lab, "objects the edits " + lab.edits + " left alone", problems);
    }

    private static JsonNode link(KernelView view, String[] link) {
        KernelView.Space s = view.spaces().get(link[0]);
        return s == null ? null : s.link(link[1]);
    }

    /** Identity of each link-making object → its links as (netns, name). */
    static Map<String, List<String[]>> identities(Topology t) {
        Map<String, List<String[]>> out = new TreeMap<>();
        t.bridges().forEach((id, b) -> {
            String ns = kernel(t, b.namespaceOrHost());
            out.put("bridge " + ns + "/" + b.ifnameOr(id), List.<String[]>of(new String[] {ns, b.ifnameOr(id)}));
        });
        t.tuns().forEach((id, d) -> {
            String ns = kernel(t, d.namespaceOrHost());
            out.put("tun " + ns + "/" + d.ifnameOr(id) + " " + tunIdentity(d), List.<String[]>of(new String[] {ns, d.ifnameOr(id)}));
        });
        // A veth end's bridge belongs to it: a port whose bridge is another (or is made again) is not alike.
        for (Veth v : t.veths()) {
            String a = kernel(t, v.a().namespaceIn(t)) + "/" + v.a().name() + master(t, v.a());
            String b = kernel(t, v.b().namespaceIn(t)) + "/" + v.b().name() + master(t, v.b());
            String key = "veth " + (a.compareTo(b) < 0 ? a + " " + b : b + " " + a);
            List<String[]> ends = new ArrayList<>();
            for (VethEnd e : List.of(v.a(), v.b())) ends.add(new String[] {kernel(t, e.namespaceIn(t)), e.name()});
            out.put(key, ends);
        }
        return out;
    }

    private static String master(Topology t, VethEnd e) {
        if (e.bridge() == null) return "";
        var b = t.bridges().get(e.bridge());
        return " (port of " + b.ifnameOr(e.bridge()) + " stp " + b.stp() + " mtu " + b.mtu() + ")";
    }

    private static String tunIdentity(Tun d) {
        return d.mode() + " " + d.owner() + " " + d.group() + " " + d.multiQueue();
    }

    private static String kernel(Topology t, String id) {
        return Topology.HOST.equals(id) ? "host" : t.kernelName(id);
    }

    private void fail(Lab lab, String stage, List<String> details) {
        lab.broken = true;
        tally.failures.add(new Failure(lab.seed, stage, details));
    }

    private void keep(Lab lab) {
        try {
            Path dir = Path.of("target", "property-failures");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(lab.seed + ".nslab.json"), TopologyJson.write(lab.design));
            if (lab.mutated != null) Files.writeString(dir.resolve(lab.seed + "-mutated.nslab.json"), TopologyJson.write(lab.mutated));
        } catch (IOException e) {
            // the seed alone reproduces the case
        }
    }
}
