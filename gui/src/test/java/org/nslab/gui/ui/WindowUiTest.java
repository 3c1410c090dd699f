package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.nslab.gui.document.ElementRef;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window at 1440×900 as a user first sees it: the side panel's tabs and fields are not cut, Apply
 * reads as enabled, every panel stays readable after the dark theme is switched on at run time, zoom keys of a
 * US keyboard work, and right-click menus, node tooltips and help are there.
 */
@WindowSize(width = 1440, height = 900)
class WindowUiTest extends WindowFrame {
    private void openExample(FxRobot robot) {
        robot.interact(() -> window.open(ROUTER_LAB));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static boolean inside(Node n, Node in) {
        Bounds b = n.localToScene(n.getBoundsInLocal()), box = in.localToScene(in.getBoundsInLocal());
        return b.getMinX() >= box.getMinX() - 0.5 && b.getMaxX() <= box.getMaxX() + 0.5;
    }

    @Test
    void theSidePanelShowsItsTabsAndFieldsWithoutDraggingTheDivider(FxRobot robot) {
        openExample(robot);
        TabPane side = robot.lookup("#side-panel").queryAs(TabPane.class);
        assertThat(side.getWidth()).isGreaterThanOrEqualTo(520);
        // No tab hides in the overflow menu: every tab's header lies inside the header area.
        Node headers = side.lookup(".tab-header-area");
        for (Node tab : side.lookupAll(".tab")) assertThat(inside(tab, headers)).as("tab header shown whole").isTrue();
        assertThat(side.lookup(".control-buttons-tab").isVisible()).isFalse();
        // A router's sysctl key is shown whole in its field.
        robot.interact(() -> vm.selection().selectOnly(new ElementRef.NamespaceRef("router")));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.TextField key = robot.lookup(".text-field").match(
                (javafx.scene.control.TextField f) -> "net.ipv4.ip_forward".equals(f.getText())).query();
        javafx.scene.text.Text probe = new javafx.scene.text.Text(key.getText());
        probe.setFont(key.getFont());
        assertThat(key.getWidth() - key.getPadding().getLeft() - key.getPadding().getRight())
                .isGreaterThanOrEqualTo(probe.getLayoutBounds().getWidth());
        // Every button of the firewall tab is shown whole, with a rule open in the editor.
        robot.interact(() -> {
            side.getSelectionModel().select(1);
            vm.firewall().namespaceProperty().set("router");
            vm.firewall().selectRule(0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Shots.write(robot, window, "side-firewall.png");
        for (Node b : side.getSelectionModel().getSelectedItem().getContent().lookupAll(".button")) {
            if (b.isVisible() && b instanceof Button button && button.getText() != null && !button.getText().isEmpty()) {
                assertThat(inside(b, side)).as("button " + button.getText() + " inside the side panel").isTrue();
                assertThat(button.getWidth()).as(button.getText()).isGreaterThanOrEqualTo(button.prefWidth(-1) - 0.5);
            }
        }
    }

    @Test
    void theRouterExampleIsShownWholeWithItsTextOnceTheWindowGetsItsSize(FxRobot robot) {
        // A window manager maps the window small and sizes it after the design was opened and fitted.
        Stage stage = (Stage) window.getScene().getWindow();
        robot.interact(() -> {
            stage.setWidth(700);
            stage.setHeight(500);
        });
        openExample(robot);
        robot.interact(() -> {
            stage.setWidth(1440);
            stage.setHeight(900);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.canvas().viewport().scale()).isGreaterThanOrEqualTo(org.nslab.gui.canvas.view.CanvasView.DETAIL_SCALE);
        assertThat(cardsOutsideTheCanvas()).isEmpty();
        // Once the user moves the camera, a new window size leaves the view where the user put it.
        robot.interact(() -> window.canvas().zoom(2));
        double chosen = vm.canvas().viewport().scale();
        robot.interact(() -> stage.setWidth(1300));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(vm.canvas().viewport().scale()).isEqualTo(chosen);
        robot.interact(() -> stage.setWidth(1440));
    }

    private List<String> cardsOutsideTheCanvas() {
        Node surface = window.canvas().lookup(".canvas-surface");
        Bounds view = surface.localToScene(surface.getBoundsInLocal());
        List<String> outside = new ArrayList<>();
        for (var n : vm.canvas().diagram().nodes().values()) {
            Region skin = window.canvas().nodeSkin(n.id());
            if (!view.contains(skin.localToScene(skin.getBoundsInLocal()))) outside.add(n.id());
        }
        return outside;
    }

    @Test
    void applyReadsAsEnabledInTheLightTheme(FxRobot robot) {
        Button apply = robot.lookup("#lab-apply").queryButton();
        assertThat(apply.isDisabled()).isFalse();
        javafx.scene.text.Text text = (javafx.scene.text.Text) apply.lookup(".text");
        javafx.scene.paint.Color bg = (javafx.scene.paint.Color) apply.getBackground().getFills()
                .get(apply.getBackground().getFills().size() - 1).getFill();
        assertThat(Contrast.ratio((javafx.scene.paint.Color) text.getFill(), bg)).isGreaterThanOrEqualTo(4.5);
        // And it stands out from the tool bar it sits on.
        assertThat(Contrast.ratio(bg, Contrast.background(apply))).isGreaterThanOrEqualTo(3);
    }

    @Test
    void everyPanelIsReadableAfterTheDarkThemeIsSwitchedOnAtRunTime(FxRobot robot) {
        openExample(robot);
        robot.interact(() -> vm.selection().selectOnly(new ElementRef.NamespaceRef("router")));
        robot.clickOn(window.canvas());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.D).release(KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(vm.darkProperty().get()).isTrue();
        TabPane side = robot.lookup("#side-panel").queryAs(TabPane.class);
        List<Contrast.Sample> poor = new ArrayList<>();
        int seen = 0;
        for (Tab tab : side.getTabs()) {
            robot.interact(() -> side.getSelectionModel().select(tab));
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> {
                window.applyCss();
                window.layout();
            });
            List<Contrast.Sample> samples = Contrast.samples(window);
            seen += samples.size();
            samples.stream().filter(s -> s.ratio() < 4.5).forEach(poor::add);
            // The dark theme reached the panel: its background is dark.
            javafx.scene.paint.Color bg = Contrast.background(tab.getContent().lookup(".label"));
            assertThat(bg == null ? 0 : bg.getBrightness()).as(tab.getText() + " background").isLessThan(0.3);
        }
        assertThat(seen).isGreaterThan(40);
        assertThat(poor).as("texts below 4.5:1").isEmpty();
        robot.interact(() -> vm.darkProperty().set(false));
    }

    @Test
    void namespacesOnOneBridgeInDifferentSubnetsGetAWarning(FxRobot robot) throws Exception {
        String design = """
                {"format": "nslab/1", "name": "mixed", "bridges": {"br0": {}}, "namespaces": {"a": {}, "b": {}},
                 "veths": [{"a": {"bridge": "br0", "name": "a-br0"}, "b": {"namespace": "a", "name": "eth0", "addresses": ["10.0.1.2/24"]}},
                           {"a": {"bridge": "br0", "name": "b-br0"}, "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.2.2/24"]}}]}
                """;
        Path file = java.nio.file.Files.writeString(dir.resolve("mixed.nslab.json"), design);
        robot.interact(() -> window.open(file));
        javafx.scene.control.ListView<org.nslab.gui.problems.ProblemsViewModel.Row> list = robot.lookup("#problems-list").queryListView();
        org.testfx.util.WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> !list.getItems().isEmpty());
        assertThat(list.getItems()).extracting(org.nslab.gui.problems.ProblemsViewModel.Row::text).containsExactly(
                "/bridges/br0: warning: the namespaces on this bridge use different IPv4 subnets (a in 10.0.1.0/24, b in 10.0.2.0/24):"
                        + " they reach each other only through a router");
        // The same design with one subnet has nothing to say.
        java.nio.file.Files.writeString(file, design.replace("10.0.2.2/24", "10.0.1.3/24"));
        robot.interact(() -> window.open(file));
        org.testfx.util.WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS, () -> list.getItems().isEmpty());
    }

    @Test
    void zoomKeysOfAUsKeyboardZoom(FxRobot robot) {
        openExample(robot);
        robot.clickOn(window.canvas());
        double before = vm.canvas().viewport().scale();
        // "+" on a US keyboard is Shift+=.
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.EQUALS).release(KeyCode.SHIFT, KeyCode.CONTROL);
        double afterShiftEquals = vm.canvas().viewport().scale();
        assertThat(afterShiftEquals).isGreaterThan(before);
        robot.press(KeyCode.CONTROL).type(KeyCode.EQUALS).release(KeyCode.CONTROL);
        assertThat(vm.canvas().viewport().scale()).isGreaterThan(afterShiftEquals);
        double beforePad = vm.canvas().viewport().scale();
        robot.press(KeyCode.CONTROL).type(KeyCode.ADD).release(KeyCode.CONTROL);
        assertThat(vm.canvas().viewport().scale()).isGreaterThan(beforePad);
        robot.press(KeyCode.CONTROL).type(KeyCode.SUBTRACT).release(KeyCode.CONTROL);
        assertThat(vm.canvas().viewport().scale()).isCloseTo(beforePad, org.assertj.core.data.Offset.offset(1e-9));
    }

    private Point2D cardPoint(String id, double fx, double fy) {
        var skin = window.canvas().nodeSkin(id);
        Bounds b = skin.localToScreen(skin.getBoundsInLocal());
        return new Point2D(b.getMinX() + b.getWidth() * fx, b.getMinY() + b.getHeight() * fy);
    }

    @Test
    void aDragFromACardsEdgeLinksWithoutAnyModifier(FxRobot robot) {
        robot.interact(() -> vm.newDesign());
        robot.clickOn(window.canvas());
        robot.type(KeyCode.N);
        robot.type(KeyCode.N);
        assertThat(vm.document().topology().namespaces()).containsOnlyKeys("ns1", "ns2");
        Bounds b1 = window.canvas().nodeSkin("ns1").localToScreen(window.canvas().nodeSkin("ns1").getBoundsInLocal());
        Point2D edge = new Point2D(b1.getMaxX() - 2, b1.getCenterY());
        robot.drag(edge, MouseButton.PRIMARY).dropTo(cardPoint("ns2", 0.5, 0.5));
        assertThat(vm.document().topology().veths()).hasSize(1);
        // A click on the edge only selects.
        robot.clickOn(new Point2D(b1.getMaxX() - 2, b1.getCenterY()));
        assertThat(vm.document().topology().veths()).hasSize(1);
        assertThat(vm.selection().selected()).containsExactly(new ElementRef.NamespaceRef("ns1"));
    }

    @Test
    void rightClickMenusTooltipsAndHelp(FxRobot robot) {
        openExample(robot);
        robot.rightClickOn(cardPoint("router", 0.5, 0.3));
        assertThat(vm.selection().selected()).containsExactly(new ElementRef.NamespaceRef("router"));
        assertThat(window.canvas().contextMenuItems()).contains("Copy", "Delete");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        // Empty canvas: add here.
        Bounds c = window.canvas().localToScreen(window.canvas().getBoundsInLocal());
        robot.rightClickOn(new Point2D(c.getMinX() + 30, c.getMaxY() - 40));
        assertThat(window.canvas().contextMenuItems()).contains("Add Namespace Here", "Paste", "Fit to Window");
        robot.clickOn("Add Namespace Here");
        assertThat(vm.document().topology().namespaces()).containsKey("ns1");
        // A link: edit it.
        double[] path = window.canvas().linkPaths().get(0);
        Point2D mid = window.canvas().localToScreen(
                vm.canvas().viewport().toScreenX((path[0] + path[2]) / 2), vm.canvas().viewport().toScreenY((path[1] + path[3]) / 2));
        robot.rightClickOn(mid);
        assertThat(window.canvas().contextMenuItems()).contains("Edit Names, Addresses and Impairments…", "Delete");
        assertThat(vm.selection().selected()).containsExactly(new ElementRef.VethRef(0));
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        // Hovering a card tells what it holds.
        robot.moveTo(cardPoint("router", 0.5, 0.3));
        robot.moveBy(3, 2);
        assertThat(window.canvas().tooltipText()).contains("router", "10.0.1.1/24", "net.ipv4.ip_forward = 1");
        // Help.
        robot.clickOn("Help").clickOn("Keyboard Shortcuts");
        assertThat(robot.lookup("#help-shortcuts").tryQuery()).isPresent();
        robot.clickOn("Close");
        robot.clickOn("Help").clickOn("About nslab");
        assertThat(robot.lookup("#help-about").tryQuery()).isPresent();
        robot.clickOn("Close");
    }
}
