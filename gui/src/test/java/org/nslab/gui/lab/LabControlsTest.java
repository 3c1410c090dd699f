package org.nslab.gui.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.gui.document.Labs;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.LabStore;
import org.nslab.helper.apply.PlannerPlans;

class LabControlsTest {
    private static final Path SOCKET = Path.of("/run/nslab/test.sock");
    @TempDir Path store;
    private final AtomicInteger appliersMade = new AtomicInteger();

    private Applier applier() {
        appliersMade.incrementAndGet();
        // No kernel: the calls made below never reach it.
        return new Applier(new LabStore(store), null, new PlannerPlans());
    }

    @Test
    void aListeningHelperWinsEvenForRoot() {
        LabControl c = LabControls.choose(SOCKET, p -> p.equals(SOCKET), true, this::applier);
        assertThat(c).isInstanceOf(HelperLabControl.class);
        assertThat(c.describe()).isEqualTo("helper at " + SOCKET);
        assertThat(appliersMade).hasValue(0);
    }

    @Test
    void rootWithoutHelperAppliesInProcess() throws Exception {
        LabControl c = LabControls.choose(SOCKET, p -> false, true, this::applier);
        assertThat(c).isInstanceOf(InProcessLabControl.class);
        assertThat(c.describe()).isEqualTo("in-process as root");
        // A lab never applied: every node is missing, read from the (empty) state store alone.
        assertThat(c.status(Labs.routerLab())).isNotEmpty().allSatisfy((id, s) -> assertThat(s).isEqualTo(LabControl.NodeState.MISSING));
        assertThatThrownBy(() -> c.matrix(Labs.routerLab(), 100, s -> {})).hasMessage("Lab router-lab is not applied; apply it first.");
        assertThat(appliersMade).hasValue(1);
    }

    @Test
    void neitherHelperNorRootGivesGuidance() {
        LabControl c = LabControls.choose(SOCKET, p -> false, false, this::applier);
        assertThat(c).isInstanceOf(Unreachable.class);
        assertThatThrownBy(() -> c.apply(Labs.routerLab(), s -> {}))
                .hasMessageContaining("nothing listens on " + SOCKET)
                .extracting(e -> ((LabControl.LabException) e).guidance()).asString().contains("run the designer as root");
        assertThat(appliersMade).hasValue(0);
    }

    @Test
    void socketComesFromTheEnvironmentWhenSet() {
        assertThat(LabControls.socket(null)).isEqualTo(HelperClient.DEFAULT_SOCKET);
        assertThat(LabControls.socket(" ")).isEqualTo(HelperClient.DEFAULT_SOCKET);
        assertThat(LabControls.socket("/tmp/h.sock")).isEqualTo(Path.of("/tmp/h.sock"));
    }
}
