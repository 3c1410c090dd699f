package org.nslab.helper.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.generate.TopologyGenerator;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class IpBatchFloorKernelTest {

    @Test
    void floorBuildsEveryNamespaceAndBridgePortAndRemovesThemAll(@TempDir Path work) throws Exception {
        Topology star = TopologyGenerator.star("flo", 5);
        Quiet empty = Quiet.now();
        double[] times = new IpBatchRunner(work).run("star", star);
        // The kernel frees deleted namespaces' devices asynchronously; their names are taken until then.
        empty.awaitReturn();
        assertThat(times[0]).isPositive();
        assertThat(times[1]).isPositive();
        // Run the build alone to look at what it made, then remove it the same way.
        Path build = Files.writeString(work.resolve("b"), IpBatchFloor.build(star));
        Processes.run(java.util.List.of("ip", "-batch", build.toString()), null);
        try {
            assertThat(HostSnapshot.take().namespaces()).containsExactly("flo-h1", "flo-h2", "flo-h3", "flo-h4", "flo-h5");
            assertThat(HostSnapshot.run("ip", "-o", "link", "show", "master", "flo-br").lines().count()).isEqualTo(5);
            assertThat(HostSnapshot.run("ip", "-n", "flo-h3", "-o", "link", "show", "eth0")).contains("eth0@");
        } finally {
            Path teardown = Files.writeString(work.resolve("t"), IpBatchFloor.teardown(star));
            Processes.run(java.util.List.of("ip", "-batch", teardown.toString()), null);
        }
    }
}
