package org.nslab.helper.property;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.generate.DesignGenerator;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;

/**
 * A few property cases whose designs impair links, for a kernel with sch_netem: the test VM runs them
 * ({@code NetemVmChecks}) in the JVM of its other checks, so the number is small. The seeds are the first from
 * {@code firstSeed} on whose generated design has at least one impaired end; all run side by side in one batch.
 */
public final class NetemPropertyCases {
    private NetemPropertyCases() {}

    /** Runs them; returns the report line, or throws {@link AssertionError} naming each failed seed and stage. */
    public static String run(long firstSeed, int cases) {
        DesignGenerator.Options options = new DesignGenerator.Options(true, 5);
        List<Long> seeds = new ArrayList<>();
        for (long s = firstSeed; seeds.size() < cases; s++) if (impairs(DesignGenerator.generate(s, options))) seeds.add(s);
        PropertyCases run = new PropertyCases(options);
        long t0 = System.nanoTime();
        run.batch(seeds);
        PropertyCases.Tally t = run.tally;
        String report = String.format("property cases with netem: %d cases (seeds %s) side by side, %.1f s; %d edits, %d links, "
                        + "%d netem qdiscs and %d rules compared, %d objects kept across re-apply; %d failed",
                t.cases, seeds, (System.nanoTime() - t0) / 1e9, t.edits, t.links, t.qdiscs, t.rules, t.keptObjects, t.failures.size());
        if (!t.failures.isEmpty()) {
            StringBuilder s = new StringBuilder(report);
            t.failures.forEach(f -> s.append("\n  ").append(f));
            throw new AssertionError(s.toString());
        }
        return report;
    }

    private static boolean impairs(Topology t) {
        for (Veth v : t.veths()) if (v.a().netem() != null || v.b().netem() != null) return true;
        return false;
    }
}
