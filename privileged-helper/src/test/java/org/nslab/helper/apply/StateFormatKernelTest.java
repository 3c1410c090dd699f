package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * A lab applied by the previous version must still be seen and removed by this one: the lab is applied, its
 * recorded state is replaced by the one the previous version wrote for the same design ({@code state/v1}),
 * and status and teardown then work from that alone, down to zero residue.
 */
@KernelTest
class StateFormatKernelTest {

    /** iptables-nft creates the host's filter table on first use and keeps it: make it before the snapshots. */
    @BeforeAll
    static void hostFilterTablesExist() {
        for (String tool : new String[] {"iptables", "ip6tables"}) {
            HostSnapshot.run(tool, "-A", "FORWARD", "-j", "ACCEPT");
            HostSnapshot.run(tool, "-D", "FORWARD", "-j", "ACCEPT");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"router-lab", "netfilter-hooks", "hostside"})
    void aLabRecordedByThePreviousVersionMatchesAndTearsDown(String lab) throws Exception {
        Path fixture = StateFormatTest.V1.resolve(lab);
        LoadResult loaded = TopologyJson.load(fixture.resolve("design.nslab.json"));
        assertThat(loaded.problems()).isEmpty();
        Topology design = loaded.topology();
        String before = ApplierKernelTest.hostState();

        Applier applier = Applier.onThisMachine();
        applier.apply(design, 0, Progress.NONE);
        boolean tornDown = false;
        try {
            Path dir = applier.store().dir(lab);
            Files.copy(fixture.resolve("state.json"), dir.resolve("state.json"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(fixture.resolve("design.nslab.json"), dir.resolve("design.nslab.json"), StandardCopyOption.REPLACE_EXISTING);

            StatusReport status = applier.status(lab, null);
            assertThat(status.applied()).isTrue();
            assertThat(status.drifts()).isEmpty();
            assertThat(applier.labs()).extracting(Applier.LabSummary::lab).contains(lab);

            TeardownResult removed = applier.teardown(lab, 0, Progress.NONE);
            tornDown = true;
            assertThat(removed.leftovers()).isEmpty();
            assertThat(ApplierKernelTest.hostState()).isEqualTo(before);
        } finally {
            if (!tornDown) applier.teardown(lab, 0, Progress.NONE);
        }
    }
}
