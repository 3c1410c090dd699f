package org.nslab.engine.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;

/** The port for a design, as the CLI and the designer take it: spread across machines, or the local one. */
class LabServicesForDesignTest {
    private static final Topology SPREAD = TopologyJson.load(Path.of("src/test/resources/machines/spread.nslab.json")).topology();
    private static final Topology ELSEWHERE = TopologyJson.load(Path.of("src/test/resources/machines/elsewhere.nslab.json")).topology();
    private static final Topology LOCAL_ONLY = TopologyJson.load(Path.of("..", "assets", "examples", "router-lab.nslab.json")).topology();
    private final LabService local = new UnreachableLabService(Path.of("/nonexistent/nslab-local.sock"));

    @Test
    void aDesignOnThisMachineRunsOnTheLocalPortItself() {
        assertThat(LOCAL_ONLY.spansMachines()).isFalse();
        assertThat(LabServices.forDesign(LOCAL_ONLY, local)).isSameAs(local);
    }

    @Test
    void aDesignAcrossMachinesIsSpreadOverEveryMachine() {
        LabService port = LabServices.forDesign(SPREAD, local);
        assertThat(port).isInstanceOf(SpreadLabService.class);
        assertThat(port.describe()).isEqualTo("lab spread over local, m2, m3");
    }

    @Test
    void theSpreadPortReachesAnotherMachineThroughItsOwnHelperSocket() {
        // Nothing of the lab is local, so only m2 is asked: nothing listens at its helper's socket, and the answer says so.
        assertThatThrownBy(() -> LabServices.forDesign(ELSEWHERE, local).status(ELSEWHERE.name()))
                .isInstanceOf(LabException.class).hasMessageContaining("/nonexistent/nslab-m2.sock")
                .hasMessageNotContaining("nslab-local.sock");
    }

    @Test
    void aSpreadPortRefusesAnotherLab() {
        assertThatThrownBy(() -> LabServices.forDesign(SPREAD, local).status(LOCAL_ONLY))
                .isInstanceOf(LabException.class).hasMessageContaining("spreads lab spread, not " + LOCAL_ONLY.name());
    }

    @Test
    void sshReachesTheRelayWithoutPromptsAndTheDestinationAfterTheOptions() {
        assertThat(MachineReach.ssh("/etc/nslab/ssh_config", "lab", "[fd00::3]", "2222")).containsExactly(
                "ssh", "-T", "-o", "BatchMode=yes", "-F", "/etc/nslab/ssh_config", "-p", "2222", "--", "lab@fd00::3", "nslab", "relay");
        assertThat(MachineReach.ssh(null, "lab", "10.99.0.3", null)).isEqualTo(List.of("ssh", "-T", "-o", "BatchMode=yes", "--", "lab@10.99.0.3", "nslab", "relay"));
    }
}
