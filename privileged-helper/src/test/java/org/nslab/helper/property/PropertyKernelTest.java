package org.nslab.helper.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.generate.DesignGenerator;
import org.nslab.helper.testing.KernelTest;

/**
 * Any valid design builds exactly as drawn, any change re-applies exactly, a re-apply changes nothing, and teardown
 * leaves nothing: checked on generated designs (DesignGenerator, DesignMutator) against the real kernel, read back
 * with the system's own tools (see {@link Conformance}). Several labs run side by side in the sandbox per batch.
 *
 * <p>{@code -Dnslab.property.cases=N} (default 200) sets how many seeds from {@code -Dnslab.property.seed} (default
 * 20261207) run; thousands make a soak. {@code -Dnslab.property.side=K} labs side by side (default 5);
 * {@code -Dnslab.property.only=SEED} reruns one. The seeds in {@code property/regression-seeds.txt} run every time.
 * Designs get {@code netem} only on a kernel with sch_netem.
 */
@KernelTest
class PropertyKernelTest {
    static final int CASES = Integer.getInteger("nslab.property.cases", 200);
    static final int SIDE_BY_SIDE = Integer.getInteger("nslab.property.side", 5);
    static final long FIRST_SEED = Long.getLong("nslab.property.seed", 20261207L);

    @Test
    void regressionSeedsStillBuildExactly() throws IOException {
        List<Long> seeds = regressionSeeds();
        run("regression seeds", seeds);
    }

    @Test
    void generatedDesignsBuildExactlyReapplyExactlyAndLeaveNothing() {
        List<Long> seeds = new ArrayList<>();
        String only = System.getProperty("nslab.property.only");
        if (only != null && !only.isBlank()) {
            for (String s : only.split(",")) seeds.add(Long.parseLong(s.trim()));
        } else {
            for (int i = 0; i < CASES; i++) seeds.add(FIRST_SEED + i);
        }
        run("generated cases", seeds);
    }

    private static void run(String what, List<Long> seeds) {
        boolean netem = Netem.available();
        PropertyCases cases = new PropertyCases(new DesignGenerator.Options(netem, 5));
        long t0 = System.nanoTime();
        for (int i = 0; i < seeds.size(); i += SIDE_BY_SIDE) cases.batch(seeds.subList(i, Math.min(seeds.size(), i + SIDE_BY_SIDE)));
        PropertyCases.Tally t = cases.tally;
        System.out.printf("property %s: %d cases (seeds %s), %d side by side, %.1f s; %d edits, %d links and %d rules compared, "
                        + "%d objects kept across re-apply, %d open connections checked, netem %s; %d failed%s%n",
                what, t.cases, seeds.isEmpty() ? "none" : seeds.get(0) + ".." + seeds.get(seeds.size() - 1), SIDE_BY_SIDE,
                (System.nanoTime() - t0) / 1e9, t.edits, t.links, t.rules, t.keptObjects, t.sockets,
                netem ? "generated (" + t.qdiscs + " qdiscs compared)" : "not generated (this kernel has no sch_netem)", t.failures.size(),
                t.failures.isEmpty() ? "" : ": seeds " + t.failures.stream().map(f -> Long.toString(f.seed())).distinct().toList());
        StringBuilder stages = new StringBuilder("  time by stage:");
        t.seconds.forEach((stage, s) -> stages.append(String.format(" %s %.1f s,", stage, s)));
        System.out.println(stages.substring(0, stages.length() - 1));
        t.failures.forEach(f -> System.out.println("  " + f));
        assertThat(t.failures).as("failed property cases; rerun one with -Dnslab.property.only=SEED").isEmpty();
    }

    static List<Long> regressionSeeds() throws IOException {
        List<Long> out = new ArrayList<>();
        try (InputStream in = PropertyKernelTest.class.getResourceAsStream("/property/regression-seeds.txt")) {
            if (in == null) throw new IOException("property/regression-seeds.txt is missing");
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.replaceFirst("#.*", "").trim();
                if (!l.isEmpty()) out.add(Long.parseLong(l.split("\\s+")[0]));
            }
        }
        return out;
    }

    /** Whether this kernel can make a netem qdisc: tried on the loopback of a throwaway namespace. */
    static final class Netem {
        static boolean available() {
            String out = KernelView.run("unshare --net sh -c 'tc qdisc add dev lo root netem delay 1ms && echo yes' 2>&1");
            return out.trim().endsWith("yes");
        }
    }
}
