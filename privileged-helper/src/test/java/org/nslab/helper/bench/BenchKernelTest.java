package org.nslab.helper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.generate.TopologyGenerator;
import org.nslab.engine.model.Topology;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.LabStore;
import org.nslab.helper.apply.LinuxKernel;
import org.nslab.helper.apply.PlannerPlans;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class BenchKernelTest {
    private final Applier applier = new Applier(new LabStore(), new LinuxKernel(), new PlannerPlans());

    @Test
    void everySystemBuildsAndRemovesEveryShapeAndTheReportHasARowForEach(@TempDir Path work) throws Exception {
        List<BaselineRunner> systems = List.of(new NslabRunner(applier), new ScriptRunner(work), new IpBatchRunner(work));
        List<String> log = new java.util.ArrayList<>();
        List<Measurement> rows = new Bench(systems, log::add).run(Bench.SHAPES, List.of(2, 4), 1);

        assertThat(rows).hasSize(3 * 2 * 3);
        assertThat(log).hasSize(rows.size());
        assertThat(rows).allSatisfy(m -> assertThat(m.apply()).isPositive());
        Path folder = work.resolve("results");
        assertThat(Bench.report(rows, folder)).contains("results, CSV and plot: " + folder);
        assertThat(Files.readAllLines(folder.resolve("results.csv"))).hasSize(1 + rows.size());
        assertThat(Files.size(folder.resolve("plot.png"))).isPositive();
    }

    @Test
    void generatedRouterChainForwardsFromEndToEnd() throws Exception {
        Topology chain = TopologyGenerator.routers("rch", 3);
        applier.apply(chain, 0, Progress.NONE);
        try {
            String right = chain.veths().get(3).b().addresses().get(0).replaceFirst("/.*", "");
            assertThat(HostSnapshot.run("ip", "netns", "exec", "rch-left", "ping", "-c1", "-W2", right))
                    .contains("1 received");
        } finally {
            applier.teardown("rch", 0, Progress.NONE);
        }
    }
}
