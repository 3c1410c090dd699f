package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.lab.TeardownResult;
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

    /**
     * The host's filter tables as the fixture was recorded: absent, so the lab made them and its state says so
     * ({@code *filter} among the owned chains), and teardown removes them again. iptables-nft keeps a table
     * it made on first use, so one left empty by an earlier test is removed first.
     */
    @BeforeAll
    static void noEmptyHostFilterTable() {
        String nft = Files.isExecutable(Path.of("/usr/sbin/nft")) ? "/usr/sbin/nft" : "/sbin/nft";
        for (String family : new String[] {"ip", "ip6"}) {
            String save = HostSnapshot.run(family.equals("ip") ? "iptables-save" : "ip6tables-save", "-t", "filter");
            if (!save.contains("\n-A ")) HostSnapshot.run(nft, "delete", "table", family, "filter");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"router-lab", "netfilter-hooks", "hostside"})
    void aLabRecordedByThePreviousVersionMatchesAndTearsDown(String lab) throws Exception {
        matchesAndTearsDown(StateFormatTest.V1.resolve(lab), lab);
    }

    /**
     * The host's own chain accepting a lab bridge's frames where FORWARD drops them (a Docker-style host), as the
     * version before it was rendered by {@code IptablesRenderer} recorded it ({@code state/previous}, made by
     * applying {@code forward-accept.source.nslab.json} there): its fingerprint still matches, teardown removes it.
     */
    @Test
    void aForwardAcceptChainRecordedBeforeTheRendererWroteItMatchesAndTearsDown() throws Exception {
        try (DockerStyleForward host = DockerStyleForward.on()) {
            matchesAndTearsDown(PREVIOUS.resolve("forward-accept"), "forward-accept");
            assertThat(Sh.ok("iptables-save")).doesNotContain("NSLAB-forward-accept-fwd");
        }
    }

    private static final Path PREVIOUS = Path.of("src/test/resources/state/previous");

    /** Applies the fixture's design, puts the recorded state in place of this version's, then status and teardown. */
    private static void matchesAndTearsDown(Path fixture, String lab) throws Exception {
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
            // The helper believes only root's 0600 files; a checkout's files are 0644.
            for (String f : List.of("state.json", "design.nslab.json")) {
                Files.setPosixFilePermissions(dir.resolve(f), java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            }

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
