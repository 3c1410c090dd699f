package org.nslab.helper.apply;

import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.lab.TeardownResult;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.KernelTest;

/**
 * A veth pair that re-apply deletes and makes anew takes its addresses, the routes through it and its interface
 * sysctls with it, also those still to be seen when the re-apply looks: one re-apply must put all of them back.
 */
@KernelTest
class RecreatedPairKernelTest {
    static final Path DESIGN = Path.of("src/test/resources/apply/relink.nslab.json");

    @Test
    void oneReapplyPutsBackEverythingThatWentWithThePair() throws Exception {
        Topology t = ApplierKernelTest.load(DESIGN);
        Applier applier = Applier.onThisMachine();
        applier.apply(t, 0, Progress.NONE);
        try {
            // Renamed while up, the end keeps its address and the route through it until the pair is deleted.
            Sh.ok("ip", "-n", "relink-r2", "link", "set", "e2", "name", "e2x");
            assertThat(ApplierKernelTest.ipj("relink-r2", "route", "show", "10.63.0.0/16")).contains("\"dev\":\"e2x\"");
            assertThat(applier.status("relink", null).drifts()).extracting(Drift::format)
                    .contains("different veth relink-r1:e1 <-> relink-r2:e2: only relink-r1:e1 is there");

            ApplyResult repair = applier.apply(t, 0, Progress.NONE);
            assertThat(repair.steps()).startsWith("delete link e1 in relink-r1");

            assertThat(applier.status("relink", null).drifts()).extracting(Drift::format).isEmpty();
            assertThat(ApplierKernelTest.ipj("relink-r2", "route", "show", "10.63.0.0/16"))
                    .contains("\"gateway\":\"10.61.0.1\"").contains("\"dev\":\"e2\"");
            assertThat(ApplierKernelTest.ipj("relink-r1", "route", "show", "10.62.0.0/16"))
                    .contains("\"gateway\":\"10.61.0.2\"").contains("\"dev\":\"e1\"");
            assertThat(Sh.sysctl("relink-r1", "net.ipv4.conf.e1.arp_ignore")).isEqualTo("1");
            assertThat(Sh.ping("relink-r2", "10.61.0.1")).isTrue();
            assertThat(applier.apply(t, 0, Progress.NONE).changes()).as("nothing left for a second re-apply").isZero();
        } finally {
            assertThat(applier.teardown("relink", 0, Progress.NONE).leftovers()).isEmpty();
        }
    }
}
