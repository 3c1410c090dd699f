package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.nslab.gui.document.Labs;
import org.nslab.gui.lab.view.ReachabilityView;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.Severity;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The matrix panel, the canvas colours and the findings dialog, driven with mouse and keyboard against a scripted
 * lab (the same against the kernel: {@link LabVerificationEndToEndTest}, which needs root).
 */
class LabVerificationUiTest extends ScriptedDesigner {
    @Test
    void theGridAndTheCanvasFollowTheChosenSource(FxRobot robot) {
        // Targets in design order: red eth0 10.0.1.2, router eth0 10.0.1.1, router eth1 10.0.2.1, blue eth0 10.0.2.2.
        kernel.pattern = Map.of("blue", "..oo", "red", "oooo", "router", "ooo?");
        robot.interact(() -> vm.document().load(Labs.routerLab(), null));

        robot.clickOn(window.canvas()).push(KeyCode.CONTROL, KeyCode.M);

        ReachabilityView view = (ReachabilityView) parent(robot.lookup("#reach-grid").query());
        assertThat(view.gridText()).isEqualTo("""
                blue: ✗ ✗ ✓ ✓
                red: ✓ ✓ ✓ ✓
                router: ✓ ✓ ✓ ?
                """);
        assertThat(robot.lookup("#reach-step").queryAs(Label.class).getText()).isEqualTo("9 of 12 pings answered (3 namespaces, 4 addresses)");
        assertReach("blue", "reach-source");
        assertReach("red", "reach-none");
        assertReach("router", "reach-some");
        assertReach("br-a", null);
        assertThat(window.canvas().linkEndClasses(1, true)).contains("reach-none");
        assertThat(window.canvas().linkEndClasses(2, true)).contains("reach-all");

        robot.clickOn(robot.lookup(".reach-source-label").match((Label l) -> l.getText().equals("router")).queryAs(Label.class));

        assertReach("router", "reach-source");
        assertReach("blue", "reach-unknown");
        assertReach("red", "reach-all");

        robot.clickOn("#reach-on-canvas");

        for (String id : List.of("red", "router", "blue")) assertReach(id, null);
        assertThat(window.canvas().linkEndClasses(2, true)).noneMatch(c -> c.startsWith("reach-"));
    }

    @Test
    void applyWaitsForTheAnswerToTheHostsFindings(FxRobot robot) {
        kernel.findings = List.of(new Finding("subnet-overlap-lab", Severity.WARNING, "A lab subnet collides with a network the host routes",
                "lab 10.0.1.0/24 overlaps host route 10.0.1.0/24 dev eth0", "renumber the lab into an unused subnet"));
        robot.interact(() -> vm.document().load(Labs.routerLab(), null));

        robot.clickOn("#lab-apply");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#finding-subnet-overlap-lab .label").queryAll()).extracting(n -> ((Label) n).getText())
                .contains("warning  subnet-overlap-lab: A lab subnet collides with a network the host routes",
                        "lab 10.0.1.0/24 overlaps host route 10.0.1.0/24 dev eth0", "renumber the lab into an unused subnet");
        assertThat(kernel.calls).containsExactly("doctor router-lab");

        robot.clickOn("#findings-apply");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(kernel.calls).containsExactly("doctor router-lab", "apply router-lab");
        assertThat(robot.lookup("#lab-step").queryAs(Label.class).getText()).isEqualTo("Apply done");
    }

    private static Node parent(Node n) {
        while (n != null && !(n instanceof ReachabilityView)) n = n.getParent();
        return n;
    }

    private void assertReach(String node, String expected) {
        List<String> classes = window.canvas().nodeSkin(node).getStyleClass().stream().filter(c -> c.startsWith("reach-")).toList();
        if (expected == null) assertThat(classes).as("reach marks of %s", node).isEmpty();
        else assertThat(classes).as("reach marks of %s", node).containsExactly(expected);
    }
}
