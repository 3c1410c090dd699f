package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A namespace with a host name and one {@code run} process, {@code sleep 600}, applied through the real in-process
 * lab service: its card shows the host name and "run 1/1"; the process killed by hand, Status shows "run 0/1";
 * teardown leaves nothing behind, processes included.
 */
@KernelTest
@WindowSize(width = 1400, height = 900)
class RunCountEndToEndTest extends KernelDesigner {
    @Test
    void theCardCountsTheRunningProcess(FxRobot robot) throws Exception {
        HostSnapshot before = HostSnapshot.take();
        Topology design = Topology.empty("runlab").withNamespaces(Map.of("solo",
                Namespace.empty().withHostname("solo-host").withRun(List.of(List.of("sleep", "600")))));
        robot.interact(() -> {
            lab.controlProperty().set(LabControlsUnderTest.inProcess().control());
            vm.document().load(design, null);
        });
        assertThat(window.canvas().badge("solo")).isEmpty();

        robot.clickOn("#lab-apply");
        awaitStep("Apply");
        assertThat(window.canvas().badge("solo")).isEqualTo("run 1/1");
        assertThat(robot.from(window.canvas().nodeSkin("solo")).lookup(".node-subtitle")
                .queryAs(javafx.scene.text.Text.class).getText()).isEqualTo("runlab-solo · solo-host");

        List<String> sleeping = HostSnapshot.processesInLabNamespaces().stream().filter(p -> p.contains(" sleep ")).toList();
        assertThat(sleeping).hasSize(1);
        HostSnapshot.run("kill", "-KILL", sleeping.get(0).split(" ")[0]);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> HostSnapshot.processesInLabNamespaces().stream().noneMatch(p -> p.contains(" sleep ")));
        robot.clickOn("#lab-status");
        awaitStep("Status");
        assertThat(window.canvas().badge("solo")).isEqualTo("run 0/1");

        robot.clickOn("#lab-teardown");
        robot.clickOn(robot.lookup("#confirm-teardown .button").<javafx.scene.control.Button>match(b -> "Teardown".equals(b.getText())).<javafx.scene.Node>query());
        awaitStep("Teardown");
        assertThat(window.canvas().badge("solo")).isEmpty();
        assertThat(HostSnapshot.take().differencesFrom(before)).isEmpty();
    }
}
