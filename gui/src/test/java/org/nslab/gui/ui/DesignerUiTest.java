package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.gui.canvas.view.CanvasView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

class DesignerUiTest extends WindowFrame {
    /** Designs kept in memory, as the canvas tests save and reopen them. */
    @Override
    protected void show(Stage stage, double width, double height) {
        show(stage, TestStores.memory(), Designer.direct(Designer.unreachable()), width, height);
    }

    /** A point on the canvas, given in canvas-local coordinates. */
    private Point2D onCanvas(FxRobot robot, double x, double y) {
        CanvasView c = window.canvas();
        return c.localToScreen(x, y);
    }

    private Point2D centerOf(FxRobot robot, String nodeId) {
        var skin = window.canvas().nodeSkin(nodeId);
        var b = skin.localToScreen(skin.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getMinY() + 12);
    }

    private void dropFromPalette(FxRobot robot, String kind, double x, double y) {
        robot.drag("#palette-" + kind, MouseButton.PRIMARY).dropTo(onCanvas(robot, x, y));
    }

    private void link(FxRobot robot, String from, String to) {
        robot.press(KeyCode.ALT).drag(centerOf(robot, from), MouseButton.PRIMARY).dropTo(centerOf(robot, to)).release(KeyCode.ALT);
    }

    @Test
    void buildsTheRouterLabWithMouseAndKeyboardOnly(FxRobot robot) {
        dropFromPalette(robot, "namespace", 110, 150);
        dropFromPalette(robot, "bridge", 310, 150);
        dropFromPalette(robot, "namespace", 510, 150);
        dropFromPalette(robot, "bridge", 710, 150);
        robot.clickOn(window.canvas()); // focus the canvas for keyboard creation
        robot.type(KeyCode.N); // third namespace, by keyboard
        assertThat(topology().namespaces()).containsOnlyKeys("ns1", "ns2", "ns3");
        assertThat(topology().bridges()).containsOnlyKeys("br1", "br2");

        link(robot, "ns1", "br1");
        link(robot, "ns2", "br1");
        // The link tool instead of Alt: drag router → second bridge.
        robot.clickOn("#tool-connect");
        robot.drag(centerOf(robot, "ns2"), MouseButton.PRIMARY).dropTo(centerOf(robot, "br2"));
        robot.clickOn("#tool-connect");
        // Keyboard: select blue and the second bridge, press L.
        robot.clickOn(centerOf(robot, "ns3")).press(KeyCode.SHIFT).clickOn(centerOf(robot, "br2")).release(KeyCode.SHIFT);
        robot.type(KeyCode.L);

        List<Veth> veths = topology().veths();
        assertThat(veths).hasSize(4);
        assertThat(veths.get(0).a().namespace()).isEqualTo("ns1");
        assertThat(veths.get(0).b().bridge()).isEqualTo("br1");
        assertThat(veths.get(0).a().addresses()).containsExactly("10.0.1.1/24");
        assertThat(veths.get(1).a().addresses()).containsExactly("10.0.1.2/24");
        assertThat(veths.get(1).a().name()).isEqualTo("eth0");
        assertThat(veths.get(2).a().name()).isEqualTo("eth1");
        assertThat(veths.get(2).a().addresses()).containsExactly("10.0.2.1/24");
        assertThat(veths.get(3).b().bridge()).isEqualTo("br2");
        assertThat(veths.get(3).a().namespace()).isEqualTo("ns3");
        assertThat(veths.get(3).a().addresses()).containsExactly("10.0.2.2/24");
        assertThat(window.canvas().linkSkinCount()).isEqualTo(4);

        // Every step undoes and redoes: 5 nodes + 4 veths = 9 steps.
        Topology built = topology();
        for (int i = 0; i < 9; i++) robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(topology().namespaces()).isEmpty();
        assertThat(window.canvas().linkSkinCount()).isZero();
        for (int i = 0; i < 9; i++) robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        assertThat(topology()).isEqualTo(built);
        assertThat(vm.titleProperty().get()).startsWith("• ");
    }

    @Test
    void dragMovesTheSelectionAsOneUndoStep(FxRobot robot) {
        dropFromPalette(robot, "namespace", 150, 150);
        dropFromPalette(robot, "namespace", 150, 400);
        var before = topology().layout();
        robot.clickOn(centerOf(robot, "ns1")).press(KeyCode.SHIFT).clickOn(centerOf(robot, "ns2")).release(KeyCode.SHIFT);
        robot.drag(centerOf(robot, "ns1"), MouseButton.PRIMARY).moveBy(100, 0).moveBy(100, 40).drop();
        assertThat(topology().layout().get("ns1").x()).isGreaterThan(before.get("ns1").x() + 150);
        assertThat(topology().layout().get("ns2").x()).isGreaterThan(before.get("ns2").x() + 150);
        assertThat(vm.document().undoLabelProperty().get()).isEqualTo("Move 2 nodes");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(topology().layout()).isEqualTo(before);
    }

    @Test
    void rubberBandDeleteCopyPaste(FxRobot robot) {
        dropFromPalette(robot, "namespace", 150, 150);
        dropFromPalette(robot, "bridge", 450, 150);
        link(robot, "ns1", "br1");
        robot.drag(onCanvas(robot, 20, 20), MouseButton.PRIMARY).dropTo(onCanvas(robot, 700, 400));
        assertThat(vm.selection().selected()).hasSize(3);
        robot.press(KeyCode.CONTROL).type(KeyCode.C).type(KeyCode.V).release(KeyCode.CONTROL);
        assertThat(topology().namespaces()).containsOnlyKeys("ns1", "ns2");
        assertThat(topology().bridges()).containsOnlyKeys("br1", "br2");
        assertThat(topology().veths()).hasSize(2);
        assertThat(topology().veths().get(1).a().namespace()).isEqualTo("ns2");
        assertThat(topology().veths().get(1).b().bridge()).isEqualTo("br2");
        robot.type(KeyCode.DELETE);
        assertThat(topology().namespaces()).containsOnlyKeys("ns1");
        assertThat(topology().veths()).hasSize(1);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(topology().veths()).hasSize(2);
    }

    @Test
    void ctrlWheelZoomsAroundThePointer(FxRobot robot) {
        dropFromPalette(robot, "namespace", 300, 200);
        Point2D p = centerOf(robot, "ns1");
        Point2D local = window.canvas().screenToLocal(p);
        double wx = vm.canvas().viewport().toWorldX(local.getX());
        robot.moveTo(p).press(KeyCode.CONTROL).scroll(3, javafx.geometry.VerticalDirection.UP).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.canvas().viewport().scale()).isNotEqualTo(1.0);
        assertThat(vm.canvas().viewport().toWorldX(local.getX())).isCloseTo(wx, org.assertj.core.data.Offset.offset(1.0));
    }

    /** Visible, and so are all its parents. */
    private static boolean drawn(javafx.scene.Node n) {
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
        return true;
    }

    /** The text nodes of node cards and links. */
    private static List<javafx.scene.Node> canvasTexts(FxRobot robot) {
        List<javafx.scene.Node> all = new java.util.ArrayList<>();
        for (String style : List.of(".node-title", ".node-subtitle", ".node-ports", ".link-label")) {
            all.addAll(robot.lookup(style).queryAll());
        }
        return all;
    }

    @Test
    void zoomedOutTheCanvasDrawsNoTextAndZoomedInAgainItDoes(FxRobot robot) {
        dropFromPalette(robot, "namespace", 150, 150);
        dropFromPalette(robot, "bridge", 450, 150);
        link(robot, "ns1", "br1");
        robot.clickOn(onCanvas(robot, 700, 500));
        List<javafx.scene.Node> texts = canvasTexts(robot);
        assertThat(texts).hasSizeGreaterThanOrEqualTo(6).allMatch(DesignerUiTest::drawn);
        // Ctrl+- four times: 100 % × 0.8⁴ = 41 %, below the detail threshold.
        for (int i = 0; i < 4; i++) robot.press(KeyCode.CONTROL).type(KeyCode.MINUS).release(KeyCode.CONTROL);
        assertThat(vm.canvas().viewport().scale()).isLessThan(CanvasView.DETAIL_SCALE);
        assertThat(window.canvas().isDetailed()).isFalse();
        assertThat(texts).noneMatch(DesignerUiTest::drawn);
        // A picture of the drawing is made at 100 %, with its text, whatever the zoom.
        robot.interact(() -> {
            window.canvas().snapshotDrawing();
            assertThat(texts).noneMatch(DesignerUiTest::drawn);
        });
        dropFromPalette(robot, "namespace", 300, 400);
        // A card added while zoomed out gets its text when first shown.
        assertThat(robot.lookup(".node-title").<javafx.scene.Node>queryAll()).hasSize(2).noneMatch(DesignerUiTest::drawn);
        for (int i = 0; i < 4; i++) robot.press(KeyCode.CONTROL).type(KeyCode.PLUS).release(KeyCode.CONTROL);
        assertThat(window.canvas().isDetailed()).isTrue();
        assertThat(robot.lookup(".node-title").<javafx.scene.Node>queryAll()).hasSize(3);
        assertThat(canvasTexts(robot)).allMatch(DesignerUiTest::drawn);
    }
}
