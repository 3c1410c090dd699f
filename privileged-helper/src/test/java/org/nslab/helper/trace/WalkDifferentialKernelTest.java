package org.nslab.helper.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.walk.PacketWalker;
import org.nslab.engine.walk.TraceRequest;
import org.nslab.engine.walk.Walk;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.KernelTest;

/**
 * The walker against the real kernel: random designs (RandomDesigns), each applied once and probed with many
 * packets; for every packet the walk's outcome and every decision it predicts (rule or policy, per namespace,
 * request and answer) must equal what the kernel did (the probe's answer, and nft's trace). Seeds are printed on
 * a disagreement. Several designs are applied and probed at once, each lab in its own namespaces with its own
 * trace session: a probe mostly waits (for an answer that a dropped packet never gets), so the waits overlap.
 * {@code -Dnslab.walk.designs=N} (default 80), {@code -Dnslab.walk.packets=N} (default 25 per design) and
 * {@code -Dnslab.walk.parallel=N} (default 5 designs at once) make a longer soak.
 */
@KernelTest
class WalkDifferentialKernelTest {
    static final long TIMEOUT_MILLIS = 250;
    static final long RETRY_TIMEOUT_MILLIS = 2000;
    /** Enough disagreements to debug from: the rest of the run is not started. */
    static final int ENOUGH = 5;

    /** One design's cases: how many were compared, and each disagreement with its seed and packet. */
    private record Outcome(int cases, List<String> disagreements) {}

    @Test
    void theWalkerAgreesWithTheKernel() throws Exception {
        int designs = Integer.getInteger("nslab.walk.designs", 80);
        int perDesign = Integer.getInteger("nslab.walk.packets", 25);
        int parallel = Integer.getInteger("nslab.walk.parallel", 5);
        long firstSeed = Long.getLong("nslab.walk.seed", 20261203L);
        List<String> disagreements = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger cases = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(parallel);
        List<java.util.concurrent.Future<Outcome>> runs = new ArrayList<>();
        try {
            for (int d = 0; d < designs; d++) {
                long seed = firstSeed + d;
                int firstPort = 41000 + (d % 40) * 500;
                runs.add(pool.submit(() -> {
                    if (disagreements.size() >= ENOUGH) return new Outcome(0, List.of());
                    Outcome o = design(seed, perDesign, firstPort);
                    cases.addAndGet(o.cases());
                    disagreements.addAll(o.disagreements());
                    return o;
                }));
            }
            for (var run : runs) run.get();
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES);
        }
        System.out.printf("walk vs kernel: %d cases on %d designs (%d at once) in %.1f s, %d disagreements%n", cases.get(), designs,
                parallel, (System.nanoTime() - start) / 1e9, disagreements.size());
        assertThat(disagreements).isEmpty();
        assertThat(cases.get()).isEqualTo(designs * perDesign);
    }

    /** Applies the design of {@code seed}, compares each of its packets, and tears it down whatever happened. */
    private static Outcome design(long seed, int perDesign, int firstSourcePort) throws Exception {
        RandomDesigns.Case c = RandomDesigns.make(seed, perDesign, firstSourcePort);
        PacketWalker walker = new PacketWalker(c.design());
        Applier applier = Applier.onThisMachine();
        List<String> disagreements = new ArrayList<>();
        int cases = 0;
        applier.apply(c.design(), 0, Progress.NONE);
        try (TraceSession session = TraceSession.open(c.design())) {
            for (int p = 0; p < c.packets().size(); p++) {
                TraceRequest r = c.packets().get(p);
                Walk walk = walker.walk(r);
                Comparison cmp = Comparison.of(walk, session.probe(walk, TIMEOUT_MILLIS));
                if (walk.delivered() && !cmp.kernel().answered()) {
                    // On a loaded machine an answer can take longer than the short wait: once more, with a fresh
                    // source port (a new connection, walked anew; first tries use 41000 and up) and a long wait.
                    TraceRequest again = new TraceRequest(r.from(), r.to(), r.protocol(), r.port(), r.source(), r.sourcePort() - 20000);
                    walk = walker.walk(again);
                    cmp = Comparison.of(walk, session.probe(walk, RETRY_TIMEOUT_MILLIS));
                }
                cases++;
                if (!cmp.agrees()) {
                    disagreements.add("seed " + seed + " packet " + p + " (" + r.from() + " → " + r.to() + " " + r.protocol().text()
                            + (r.protocol().hasPorts() ? " port " + r.port() + " from port " + r.sourcePort() : "") + "): "
                            + String.join("; ", cmp.differences()));
                }
            }
        } finally {
            applier.teardown(c.design().name(), 0, Progress.NONE);
        }
        if (!disagreements.isEmpty()) System.err.println("design of seed " + seed + ":\n" + TopologyJson.write(c.design()));
        return new Outcome(cases, disagreements);
    }
}
