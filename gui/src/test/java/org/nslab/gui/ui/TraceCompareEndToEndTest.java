package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import org.junit.jupiter.api.Test;
import org.nslab.engine.walk.Protocol;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Compare with kernel" on the router example applied through the real in-process lab service: the kernel's trace
 * agrees with the walk for a rejected ssh and for a ping; after an edit not applied yet (FORWARD's policy ACCEPT)
 * the walk lets blue1's ssh through and the kernel's policy still drops it, and the panel lists the differences.
 * Nothing is left after teardown.
 */
@KernelTest
class TraceCompareEndToEndTest extends KernelDesigner {
    @Test
    void theKernelAgreesWithTheWalkUntilTheDesignChanges(FxRobot robot) throws Exception {
        HostSnapshot before = HostSnapshot.take();
        robot.interact(() -> {
            lab.controlProperty().set(LabControlsUnderTest.inProcess().control());
            window.open(ROUTER_LAB);
        });
        robot.clickOn("#tab-trace");
        assertThat(robot.lookup("#trace-compare").queryAs(Button.class).isDisabled()).as("not applied yet").isTrue();
        robot.clickOn("#lab-apply");
        awaitStep("Apply");

        fill(robot, "red1", "10.0.2.2", Protocol.TCP, "22");
        compare(robot);
        assertThat(text(robot, "#trace-kernel")).isEqualTo("Kernel (nft trace): no answer — the kernel agrees with the walk");
        assertThat(vm.trace().differences()).isEmpty();

        fill(robot, "blue1", "10.0.1.2", Protocol.ICMP, "");
        compare(robot);
        assertThat(text(robot, "#trace-kernel")).isEqualTo("Kernel (nft trace): answered — the kernel agrees with the walk");

        // Not applied: the walk follows the design, the kernel the lab as it was applied.
        robot.interact(() -> {
            vm.firewall().namespaceProperty().set("router");
            vm.firewall().select("filter", "FORWARD");
            vm.firewall().setPolicy("ACCEPT");
        });
        fill(robot, "blue1", "10.0.1.2", Protocol.TCP, "22");
        assertThat(vm.trace().walkProperty().get().delivered()).isTrue();
        compare(robot);
        assertThat(text(robot, "#trace-kernel")).startsWith("Kernel (nft trace): no answer — ").endsWith(" differences");
        assertThat(vm.trace().differences()).contains("outcome: the walk says delivered, the kernel got no answer")
                .anyMatch(d -> d.startsWith("request in router: walk [filter FORWARD #4 continue, filter FORWARD policy accept], kernel [")
                        && d.endsWith("filter FORWARD policy drop]"));
        assertThat(robot.lookup("#trace-differences").queryListView().getItems()).hasSize(vm.trace().differences().size());

        robot.clickOn("#lab-teardown");
        robot.clickOn(robot.lookup("#confirm-teardown .button").<Button>match(b -> "Teardown".equals(b.getText())).<Node>query());
        awaitStep("Teardown");
        assertThat(HostSnapshot.take().differencesFrom(before)).isEmpty();
    }

    private void fill(FxRobot robot, String from, String to, Protocol proto, String port) {
        robot.interact(() -> {
            vm.trace().fromProperty().set(from);
            vm.trace().protocolProperty().set(proto);
            vm.trace().portProperty().set(port);
        });
        robot.doubleClickOn("#trace-to");
        robot.push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.A).write(to);
        robot.clickOn("#trace-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#trace-steps .list-cell").match((ListCell<?> c) -> c.getText() != null).queryAll()).isNotEmpty();
    }

    private void compare(FxRobot robot) throws Exception {
        robot.clickOn("#trace-compare");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !vm.trace().comparingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }
}
