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
import org.nslab.helper.apply.ApplyException;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.KernelTest;

/**
 * The walker against the real kernel: random designs (RandomDesigns), each applied once and probed with many
 * packets; for every packet the walk's outcome and every decision it predicts (rule or policy, per namespace,
 * request and answer) must equal what the kernel did (the probe's answer, and nft's trace). Seeds are printed on
 * a disagreement. {@code -Dnslab.walk.designs=N} (default 12) and {@code -Dnslab.walk.packets=N} (default 25
 * per design) make a longer soak.
 */
@KernelTest
class WalkDifferentialKernelTest {
    static final long TIMEOUT_MILLIS = 250;
    static final long RETRY_TIMEOUT_MILLIS = 2000;

    @Test
    void theWalkerAgreesWithTheKernel() throws Exception {
        int designs = Integer.getInteger("nslab.walk.designs", 12);
        int perDesign = Integer.getInteger("nslab.walk.packets", 25);
        long firstSeed = Long.getLong("nslab.walk.seed", 20261203L);
        List<String> disagreements = new ArrayList<>();
        int cases = 0;
        long start = System.nanoTime();
        Applier applier = Applier.onThisMachine();
        for (int d = 0; d < designs; d++) {
            long seed = firstSeed + d;
            RandomDesigns.Case c = RandomDesigns.make(seed, perDesign, 41000 + (d % 40) * 500);
            PacketWalker walker = new PacketWalker(c.design());
            applier.apply(c.design(), 0, Progress.NONE);
            try (TraceSession session = TraceSession.open(c.design())) {
                for (int p = 0; p < c.packets().size(); p++) {
                    TraceRequest r = c.packets().get(p);
                    Walk walk = walker.walk(r);
                    Comparison cmp = Comparison.of(walk, session.probe(walk, TIMEOUT_MILLIS));
                    if (walk.delivered() && !cmp.kernel().answered()) {
                        // On a loaded machine an answer can take longer than the short wait: once more, with a fresh
                        // source port (a new connection, walked anew) and a long wait.
                        TraceRequest again = new TraceRequest(r.from(), r.to(), r.protocol(), r.port(), r.source(), r.sourcePort() + 15000);
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
                teardown(applier, c.design().name());
            }
            if (!disagreements.isEmpty() && disagreements.size() >= 5) {
                System.err.println("design of seed " + seed + ":\n" + TopologyJson.write(c.design()));
                break;
            }
        }
        System.out.printf("walk vs kernel: %d cases on %d designs in %.1f s, %d disagreements%n", cases, designs,
                (System.nanoTime() - start) / 1e9, disagreements.size());
        assertThat(disagreements).isEmpty();
    }

    private static void teardown(Applier applier, String lab) throws ApplyException {
        applier.teardown(lab, 0, Progress.NONE);
    }
}
