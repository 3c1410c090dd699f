package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.Styles;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.control.Control;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.ElementRef;
import org.testfx.api.FxRobot;

/** Lab name, description and ids typed into the inspector of the real main window, saved as a file and reopened. */
class RenameAndLabInfoUiTest extends WindowFrame {
    private Point2D centerOf(String nodeId) {
        var skin = window.canvas().nodeSkin(nodeId);
        var b = skin.localToScreen(skin.getBoundsInLocal());
        return new Point2D(b.getCenterX(), b.getMinY() + 12);
    }

    private void shortcut(FxRobot robot, KeyCode key, int times) {
        for (int i = 0; i < times; i++) robot.press(KeyCode.CONTROL).type(key).release(KeyCode.CONTROL);
    }

    private static Rule forwardRule(Topology t, String ns, int i) {
        return t.namespaces().get(ns).firewall().tables().get("filter").get("FORWARD").rules().get(i);
    }

    @Test
    void labInfoAndRenamesAreCheckedAsTypedUndoneAndSavedAsTyped(FxRobot robot) throws Exception {
        Path file = dir.resolve("router-lab.nslab.json");
        Files.copy(ROUTER_LAB, file);
        robot.interact(() -> window.open(file));
        Topology opened = topology();
        assertThat(robot.lookup("#inspector-title").queryLabeled().getText()).isEqualTo("Lab");

        // The lab's name: refused as typed while it is not one, committed with Enter once it is.
        overwrite(robot, "/name", "Edge Lab");
        Control name = field(robot, "/name");
        assertThat(name.getPseudoClassStates()).contains(Styles.STATE_DANGER);
        assertThat(name.getTooltip().getText()).contains("is not a valid lab name");
        robot.type(KeyCode.ENTER);
        assertThat(topology().name()).isEqualTo("router-lab");
        overwrite(robot, "/name", "edge-lab");
        assertThat(field(robot, "/name").getPseudoClassStates()).doesNotContain(Styles.STATE_DANGER);
        robot.type(KeyCode.ENTER);
        assertThat(topology().name()).isEqualTo("edge-lab");
        assertThat(robot.lookup("#inspector-subtitle").queryLabeled().getText()).contains("edge-lab-<id>");
        overwrite(robot, "/description", "red and blue behind a firewall");
        robot.type(KeyCode.ENTER);
        assertThat(topology().description()).isEqualTo("red and blue behind a firewall");

        // A namespace picked on the canvas and renamed: a taken id is refused at the field.
        robot.clickOn(centerOf("router"));
        assertThat(vm.selection().selected()).containsExactly(new ElementRef.NamespaceRef("router"));
        overwrite(robot, "/namespaces/router", "red1");
        assertThat(field(robot, "/namespaces/router").getTooltip().getText()).contains("already used by namespace red1");
        robot.type(KeyCode.ENTER);
        assertThat(topology().namespaces()).containsKey("router");
        overwrite(robot, "/namespaces/router", "core");
        robot.type(KeyCode.ENTER);
        assertThat(topology().namespaces()).containsKey("core").doesNotContainKey("router");
        assertThat(topology().bridges().get("br-red").namespace()).isEqualTo("core");
        assertThat(topology().veths().get(0).a().namespace()).isEqualTo("core");
        assertThat(topology().layout()).containsKey("core");
        assertThat(window.canvas().nodeSkin("core")).isNotNull();
        assertThat(window.canvas().nodeSkin("router")).isNull();
        assertThat(vm.selection().selected()).containsExactly(new ElementRef.NamespaceRef("core"));
        assertThat(robot.lookup("#inspector-title").queryLabeled().getText()).isEqualTo("core");
        assertThat(((TextField) field(robot, "/namespaces/core")).getText()).isEqualTo("core");

        // The router's inner interface renamed: its firewall rules follow.
        robot.interact(() -> vm.selection().selectOnly(new ElementRef.VethRef(0)));
        overwrite(robot, "/veths/0/a/name", "inside");
        robot.type(KeyCode.ENTER);
        assertThat(topology().veths().get(0).a().name()).isEqualTo("inside");
        assertThat(forwardRule(topology(), "core", 1).in()).isEqualTo("inside");
        assertThat(forwardRule(topology(), "core", 2).out()).isEqualTo("inside");

        // Four steps, each undone and redone from the keyboard on the canvas.
        Topology edited = topology();
        robot.interact(() -> window.canvas().requestFocus());
        shortcut(robot, KeyCode.Z, 4);
        assertThat(topology()).isEqualTo(opened);
        assertThat(vm.titleProperty().get()).doesNotStartWith("• ");
        shortcut(robot, KeyCode.Y, 4);
        assertThat(topology()).isEqualTo(edited);

        shortcut(robot, KeyCode.S, 1);
        assertThat(vm.titleProperty().get()).doesNotStartWith("• ").contains("edge-lab");
        assertThat(Files.readString(file)).contains("\"name\": \"edge-lab\"").contains("\"core\"").doesNotContain("\"router\"");
        robot.interact(() -> window.open(file));
        assertThat(topology()).isEqualTo(edited);
        assertThat(TopologyJson.load(file).problems()).isEmpty();
    }
}
