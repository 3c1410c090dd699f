package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Labs;
import org.nslab.gui.lab.StatusRow;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Status with an address, a route, a sysctl and a rule set drifted: each tints the canvas and is a row of the
 * Status panel, and choosing a row selects its element. Pressed through the toolbar against a scripted lab.
 */
class StatusPanelUiTest extends ScriptedDesigner {
    private final Topology design = Labs.routerLab();

    @Test
    void everyDifferenceReachesTheCanvasAndThePanel(FxRobot robot) {
        String red = design.kernelName("red");
        String router = design.kernelName("router");
        String blue = design.kernelName("blue");
        kernel.drifts = List.of(
                new Drift(Drift.Kind.MISSING, new KernelObject.Address(red, "eth0", "10.0.1.2/24"), null, List.of()),
                new Drift(Drift.Kind.MISSING, new KernelObject.Route(blue, "default", "10.0.2.1", null), null, List.of()),
                new Drift(Drift.Kind.DIFFERENT, new KernelObject.Sysctl(router, "net.ipv4.ip_forward"), "is 0, the design has 1", List.of()),
                new Drift(Drift.Kind.DIFFERENT, new KernelObject.Rules(router, "iptables"), "changed since apply", List.of()));
        robot.interact(() -> vm.document().load(design, null));

        robot.clickOn("#lab-status");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#status-summary").queryAs(Label.class).getText()).isEqualTo("4 differences from the design.");
        TableView<StatusRow> table = robot.lookup("#status-table").queryTableView();
        assertThat(table.getItems()).extracting(r -> r.object() + " | " + r.expected() + " | " + r.found()).containsExactly(
                "address 10.0.1.2/24 on eth0 in " + red + " | present | missing",
                "route default via 10.0.2.1 in " + blue + " | present | missing",
                "sysctl net.ipv4.ip_forward in " + router + " | as designed | is 0, the design has 1",
                "iptables rules in " + router + " | as designed | changed since apply");
        for (String node : List.of("red", "router", "blue")) assertThat(classes(node)).as(node).contains("state-drifted");
        assertThat(classes("br-a")).contains("state-applied");
        assertThat(window.canvas().linkClasses(0)).contains("state-drifted");
        assertThat(window.canvas().linkClasses(3)).contains("state-applied");

        robot.clickOn(row(robot, table, 2));
        assertThat(vm.selection().selected()).containsExactly(new ElementRef.NamespaceRef("router"));
        robot.clickOn(row(robot, table, 0));
        assertThat(vm.selection().selected()).containsExactly(new ElementRef.VethRef(0));
    }

    @Test
    void linkTintsFollowTheirLinksThroughEditsUntilTheNextStatus(FxRobot robot) {
        String red = design.kernelName("red");
        kernel.drifts = List.of(new Drift(Drift.Kind.MISSING, new KernelObject.Address(red, "eth0", "10.0.1.2/24"), null, List.of()));
        robot.interact(() -> vm.document().load(design, null));
        robot.clickOn("#lab-status");
        WaitForAsyncUtils.waitForFxEvents();
        int links = design.veths().size();
        assertThat(window.canvas().linkClasses(0)).contains("state-drifted");
        for (int i = 1; i < links; i++) assertThat(window.canvas().linkClasses(i)).as("link " + i).contains("state-applied");

        // Deleting the drifted link shifts the others down by one: each keeps its own mark, none takes the deleted one's.
        robot.interact(() -> vm.document().apply(new org.nslab.gui.document.Edit.SetVeth(0, design.veths().get(0), null)));
        WaitForAsyncUtils.waitForFxEvents();
        for (int i = 0; i < links - 1; i++) {
            assertThat(window.canvas().linkClasses(i)).as("link " + i).contains("state-applied").doesNotContain("state-drifted");
        }
        // Undo brings the link back, with the mark the last status gave it.
        robot.interact(() -> vm.document().undo());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().linkClasses(0)).contains("state-drifted");
        assertThat(window.canvas().linkClasses(1)).contains("state-applied");
    }

    @Test
    void aMatchingKernelSaysSo(FxRobot robot) {
        robot.interact(() -> vm.document().load(design, null));

        robot.clickOn("#lab-status");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#tab-status");

        assertThat(robot.lookup("#status-summary").queryAs(Label.class).getText()).isEqualTo("The kernel matches the design.");
        assertThat(robot.lookup("#status-table").queryTableView().getItems()).isEmpty();
        assertThat(classes("red")).contains("state-applied");
    }

    private List<String> classes(String node) {
        return window.canvas().nodeSkin(node).getStyleClass();
    }

    private static Node row(FxRobot robot, TableView<StatusRow> table, int index) {
        return robot.from(table).lookup(".table-row-cell").match((TableRow<?> r) -> r.getIndex() == index && r.getItem() != null).query();
    }
}
