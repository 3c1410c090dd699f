package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.main.MainWindow;
import org.testfx.api.FxRobot;

/**
 * The three-machine design in the real window: each node's border is its machine's colour (the same machine the
 * same colour, in the light and the dark theme), the legend lists the machines with their counts, the pairs
 * that cross machines are dashed and say VXLAN, and the node menu's Machine submenu moves a node (one undoable
 * edit), leaves it to nslab (drawn dashed in the colour of the machine chosen) and pins what nslab chose; saved,
 * every other key is as it was.
 */
class MachineColoursUiTest extends WindowFrame {
    private Paint border(FxRobot robot, String id) {
        Region skin = window.canvas().nodeSkin(id);
        robot.interact(() -> window.applyCss());
        return skin.getBorder().getStrokes().get(0).getTopStroke();
    }

    private Map<String, String> legend() {
        Map<String, String> rows = new TreeMap<>();
        for (var row : window.canvas().machineLegend().getChildren()) {
            var box = (javafx.scene.layout.HBox) row;
            Label text = (Label) box.getChildren().get(1);
            assertThat(text.getWidth()).as("%s shown whole", text.getText()).isGreaterThanOrEqualTo(text.prefWidth(-1));
            rows.put(row.getId(), ((Label) box.getChildren().get(1)).getText());
        }
        return rows;
    }

    private Point2D cardPoint(String id) {
        var skin = window.canvas().nodeSkin(id);
        var b = skin.localToScreen(skin.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getMinY() + 12);
    }

    private void moveBy(FxRobot robot, String id, String machine) {
        robot.rightClickOn(cardPoint(id));
        robot.clickOn(menuItem(robot, "Machine"));
        robot.clickOn(menuItem(robot, machine));
    }

    /** The open context menu's item with this text (Properties shows "Machine" as a field's label too). */
    private static javafx.scene.Node menuItem(FxRobot robot, String text) {
        return robot.lookup(".context-menu .menu-item").queryAll().stream()
                .filter(n -> labelled(robot, n, text).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + text));
    }

    private static java.util.Optional<javafx.scene.control.Labeled> labelled(FxRobot robot, javafx.scene.Node in, String text) {
        return robot.from(in).lookup((javafx.scene.control.Labeled l) -> text.equals(l.getText())).tryQuery();
    }

    @Test
    void propertiesHaveAMachineFieldInADesignAcrossMachinesOnly(FxRobot robot) {
        robot.interact(() -> window.open(SPREAD));
        robot.interact(() -> vm.selection().selectOnly(new ElementRef.NamespaceRef("h3")));
        Paint before = border(robot, "h3");
        overwrite(robot, "/namespaces/h3/machine", "m2");
        robot.type(KeyCode.ENTER);
        assertThat(topology().namespaces().get("h3").machine()).isEqualTo("m2");
        assertThat(border(robot, "h3")).isNotEqualTo(before).isEqualTo(border(robot, "h1"));
        overwrite(robot, "/namespaces/h3/machine", "");
        robot.type(KeyCode.BACK_SPACE).type(KeyCode.ENTER);
        assertThat(topology().namespaces().get("h3").machine()).isNull();
        assertThat(border(robot, "h3")).isEqualTo(border(robot, "r"));

        robot.interact(() -> vm.selection().selectOnly(new ElementRef.BridgeRef("lan")));
        overwrite(robot, "/bridges/lan/machine", "m3");
        robot.type(KeyCode.ENTER);
        assertThat(topology().bridges().get("lan").machine()).isEqualTo("m3");

        robot.interact(() -> vm.newDesign());
        robot.interact(() -> vm.canvas().addNode(org.nslab.gui.canvas.NodeKind.NAMESPACE, 100, 100));
        robot.interact(() -> vm.selection().selectOnly(new ElementRef.NamespaceRef("ns1")));
        assertThat(labelled(robot, inspector(robot), "Kernel name")).isPresent();
        assertThat(labelled(robot, inspector(robot), "Machine")).isEmpty();
    }

    @Test
    void nodesShowTheirMachineAndMoveBetweenMachines(FxRobot robot) throws Exception {
        java.nio.file.Path file = dir.resolve("spread.nslab.json");
        Files.copy(SPREAD, file);
        robot.interact(() -> window.open(file));

        for (boolean dark : new boolean[] {false, true}) {
            robot.interact(() -> MainWindow.applyTheme(dark));
            Paint m3 = border(robot, "h3");
            assertThat(m3).as("dark %s", dark).isEqualTo(border(robot, "h4")).isInstanceOf(Color.class);
            assertThat(border(robot, "h1")).as("m2 is not m3's colour").isNotEqualTo(m3);
            assertThat(border(robot, "r")).as("local is neither").isNotEqualTo(m3).isNotEqualTo(border(robot, "h1"));
            assertThat(border(robot, "lan")).as("the bridge is at home on local, with r").isEqualTo(border(robot, "r"));
            // Readable on the canvas: at least 3:1 against the card's background, as WCAG asks of graphics.
            Region card = window.canvas().nodeSkin("h3");
            Color bg = (Color) card.getBackground().getFills().get(0).getFill();
            assertThat(Contrast.ratio((Color) m3, bg)).as("dark %s", dark).isGreaterThanOrEqualTo(3.0);
        }
        robot.interact(() -> MainWindow.applyTheme(false));
        assertThat(window.canvas().machineLegend().isVisible()).isTrue();
        assertThat(legend()).containsExactly(Map.entry("machine-legend-local", "local  2 nodes"),
                Map.entry("machine-legend-m2", "m2  1 node"), Map.entry("machine-legend-m3", "m3  2 nodes"));

        // r–h1 crosses local and m2: dashed and labelled. The bridge's ports stay on their own machines (the
        // bridge's halves are joined by VXLAN, not the pairs), so no other pair crosses.
        assertThat(window.canvas().lookupAll(".link-skin.link-crossing")).hasSize(1);
        assertThat(robot.lookup(".link-badge").queryAllAs(Label.class))
                .filteredOn(l -> l.isVisible()).extracting(Label::getText).containsOnly("VXLAN");

        Topology opened = topology();
        Paint m2Colour = border(robot, "h1");
        moveBy(robot, "h3", "m2");
        assertThat(topology().namespaces().get("h3").machine()).isEqualTo("m2");
        assertThat(border(robot, "h3")).isEqualTo(m2Colour);
        assertThat(legend()).containsEntry("machine-legend-m2", "m2  2 nodes").containsEntry("machine-legend-m3", "m3  1 node");
        robot.interact(() -> vm.document().undo());
        assertThat(topology()).isEqualTo(opened);
        robot.interact(() -> vm.document().redo());
        assertThat(topology().namespaces().get("h3").machine()).isEqualTo("m2");
        robot.interact(() -> vm.document().undo());

        // r has no machine key: on local it keeps none; a multi-selection goes in one edit.
        robot.interact(() -> {
            vm.selection().selectOnly(new ElementRef.NamespaceRef("r"));
            vm.selection().add(new ElementRef.NamespaceRef("h4"));
        });
        int depth = vm.document().undoDepth();
        robot.rightClickOn(cardPoint("h4"));
        robot.clickOn(menuItem(robot, "Machine"));
        robot.clickOn(menuItem(robot, "local"));
        assertThat(vm.document().undoDepth()).isEqualTo(depth + 1);
        assertThat(topology().namespaces().get("r").machine()).isNull();
        assertThat(topology().namespaces().get("h4").machine()).isEqualTo("local");

        // Left to nslab: drawn in the colour of the machine Placement chose, dashed; pinning writes that machine.
        robot.interact(() -> vm.selection().selectOnly(new ElementRef.NamespaceRef("h1")));
        moveBy(robot, "h1", "Automatic");
        assertThat(topology().namespaces().get("h1").machine()).isEqualTo("*");
        String chosen = org.nslab.engine.model.Placement.of(topology()).ofNamespace("h1");
        Region h1 = window.canvas().nodeSkin("h1");
        assertThat(h1.getPseudoClassStates()).extracting(Object::toString).contains("auto-placed");
        assertThat(h1.getStyleClass()).contains(org.nslab.gui.canvas.MachineColours.styleClass(chosen));
        assertThat(legend().get("machine-legend-" + chosen)).endsWith(", 1 placed by nslab");
        robot.rightClickOn(cardPoint("h1"));
        robot.clickOn(menuItem(robot, "Machine"));
        robot.clickOn(menuItem(robot, "Pin Placement"));
        assertThat(topology().namespaces().get("h1").machine()).isEqualTo(chosen);
        assertThat(h1.getPseudoClassStates()).extracting(Object::toString).doesNotContain("auto-placed");

        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        Topology saved = TopologyJson.load(file).topology();
        assertThat(saved).isEqualTo(topology());
        assertThat(saved.machines()).isEqualTo(opened.machines());
        assertThat(saved.withNamespaces(opened.namespaces())).isEqualTo(opened);
        assertThat(Files.readString(file)).contains("\"vxlanPort\": 4789");
    }
}
