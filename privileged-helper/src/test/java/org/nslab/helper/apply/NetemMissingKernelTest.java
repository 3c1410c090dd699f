package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.helper.doctor.Doctor;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.Severity;
import org.nslab.helper.kernel.Netns;
import org.nslab.helper.kernel.Qdiscs;
import org.nslab.helper.testing.KernelTest;

/**
 * On a kernel without sch_netem (this machine's: it has tbf and htb, not netem) a design with impairments is
 * refused before any change, naming the module, and the doctor says so. Kernels with netem run
 * {@link NetemVmTest} instead.
 */
@KernelTest
class NetemMissingKernelTest {
    static final Path DESIGN = Path.of("src/test/resources/netem/impaired.nslab.json");

    static Topology design() {
        LoadResult r = TopologyJson.load(DESIGN);
        assertThat(r.problems()).isEmpty();
        return r.topology();
    }

    @BeforeAll
    static void onlyWithoutNetem() {
        Assumptions.assumeTrue(Qdiscs.netemMissing().isPresent(), "this kernel has netem; the refusal cannot be shown here");
    }

    @Test
    void theProbeNamesTheMissingModule() {
        assertThat(Qdiscs.netemMissing()).hasValueSatisfying(reason -> assertThat(reason).contains("sch_netem"));
    }

    @Test
    void applyRefusesBeforeAnyChange() throws Exception {
        Applier applier = Applier.onThisMachine();
        ApplyException e = catchThrowableOfType(ApplyException.class, () -> applier.apply(design(), 0, Progress.NONE));
        assertThat(e.reason()).isEqualTo(ApplyException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("module sch_netem is missing", "set netem delay 40ms limit 1000 on eth0 in imp-a")
                .endsWith("nothing was changed");
        assertThat(Netns.list()).noneMatch(ns -> ns.startsWith("imp-"));
        assertThat(applier.store().read("imp")).isEmpty();
    }

    @Test
    void aDesignWithoutImpairmentsStillApplies() throws Exception {
        Topology plain = design();
        var veth = plain.veths().get(0);
        plain = plain.withVeths(java.util.List.of(new org.nslab.engine.model.Veth(veth.a().withNetem(null), veth.b())));
        Applier applier = Applier.onThisMachine();
        try {
            applier.apply(plain, 0, Progress.NONE);
            assertThat(applier.status("imp", null).matches()).isTrue();
        } finally {
            applier.teardown("imp", 0, Progress.NONE);
        }
    }

    @Test
    void doctorReportsItForAnImpairedDesignOnly() {
        assertThat(Doctor.examine(design())).filteredOn(f -> f.id().equals("netem-missing")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.ERROR);
                    assertThat(f.evidence()).contains("sch_netem", "the lab impairs a:eth0");
                });
        assertThat(Doctor.examine(null)).filteredOn(f -> f.id().equals("netem-missing")).singleElement()
                .extracting(Finding::severity).isEqualTo(Severity.INFO);
    }
}
