package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.validate.Validator;
import org.nslab.gui.document.MachineEdits;
import org.testfx.api.FxRobot;

/**
 * Lab > Machines… on the three-machine design in the real window: the list, a rename that follows every node on
 * the machine and undoes as one step, a helper the engine rejects with its message under the field, an added
 * machine asking for its keys, a removal that asks before moving nodes to local; saved, every key of the machines
 * that were only edited is still there.
 */
@WindowSize(width = 1400, height = 900)
class MachinesEditorUiTest extends WindowFrame {
    private static TextField text(FxRobot robot, String id) {
        return robot.lookup("#machines-dialog #" + id).queryAs(TextField.class);
    }

    private static String problem(FxRobot robot, String key) {
        Label l = robot.lookup("#machines-dialog #machine-" + key + "-problem").queryAs(Label.class);
        return l.isVisible() ? l.getText() : null;
    }

    private static void retype(FxRobot robot, String id, String value) {
        robot.clickOn(text(robot, id));
        robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(value);
    }

    @SuppressWarnings("unchecked")
    private static ListView<String> list(FxRobot robot) {
        return robot.lookup("#machines-list").queryAs(ListView.class);
    }

    private static Node cell(FxRobot robot, String machine) {
        return robot.lookup("#machines-list .list-cell").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.ListCell<?> c && machine.equals(c.getText())).findFirst()
                .orElseThrow(() -> new AssertionError("no machine " + machine + " in the list"));
    }

    @Test
    void machinesAreEditedFromTheLabMenu(FxRobot robot) throws Exception {
        Path file = dir.resolve("spread.nslab.json");
        Files.copy(SPREAD, file);
        robot.interact(() -> window.open(file));
        Topology opened = topology();

        robot.clickOn("Lab").clickOn("Machines…");
        assertThat(list(robot).getItems()).containsExactly("local", "m2", "m3");
        assertThat(text(robot, "machine-name").isDisabled()).as("local keeps its name").isTrue();
        assertThat(text(robot, "machine-underlay").getText()).isEqualTo("10.99.0.1");

        // m3's helper: what the engine says of a bad one is written under the field while typing.
        robot.clickOn(cell(robot, "m3"));
        assertThat(text(robot, "machine-helper").getText()).isEqualTo("ssh://lab@10.99.0.3");
        retype(robot, "machine-helper", "http://m3");
        String expected = Validator.validate(MachineEdits.change(opened, "m3", m -> m.withHelper("http://m3"))).stream()
                .filter(p -> p.pointer().equals("/machines/m3/helper")).findFirst().orElseThrow().message();
        assertThat(problem(robot, "helper")).isEqualTo(expected);
        retype(robot, "machine-helper", "ssh://lab@10.99.0.33");
        assertThat(problem(robot, "helper")).isNull();
        robot.type(KeyCode.ENTER);
        assertThat(topology().machines().get("m3").helper()).isEqualTo("ssh://lab@10.99.0.33");
        assertThat(topology().machines().get("m3").vxlanPort()).isEqualTo(4789);
        retype(robot, "machine-weight", "0");
        assertThat(problem(robot, "weight")).startsWith("weight 0 is outside 1..1000");
        retype(robot, "machine-weight", "2");
        robot.type(KeyCode.ENTER);
        assertThat(problem(robot, "weight")).isNull();
        assertThat(topology().machines().get("m3").weight()).isEqualTo(2);

        // Rename m2: h1 follows, one undo step, and the editor keeps showing the machine.
        robot.clickOn(cell(robot, "m2"));
        retype(robot, "machine-name", "M2");
        assertThat(problem(robot, "name")).contains("is not a valid machine name");
        // Escape takes the typing back and leaves the dialog open.
        robot.type(KeyCode.ESCAPE);
        assertThat(text(robot, "machine-name").getText()).isEqualTo("m2");
        assertThat(problem(robot, "name")).isNull();
        retype(robot, "machine-name", "far");
        robot.type(KeyCode.ENTER);
        assertThat(topology().machines()).containsOnlyKeys("local", "far", "m3");
        assertThat(topology().namespaces().get("h1").machine()).isEqualTo("far");
        assertThat(list(robot).getItems()).containsExactly("local", "far", "m3");
        assertThat(list(robot).getSelectionModel().getSelectedItem()).isEqualTo("far");
        assertThat(text(robot, "machine-helper").getText()).isEqualTo("unix:/run/nslab-m2/helper.sock");
        assertThat(vm.document().undoLabelProperty().get()).isEqualTo("Rename machine m2 to far");
        int depth = vm.document().undoDepth();
        robot.interact(() -> vm.document().undo());
        assertThat(vm.document().undoDepth()).isEqualTo(depth - 1);
        assertThat(topology().namespaces().get("h1").machine()).isEqualTo("m2");
        assertThat(list(robot).getSelectionModel().getSelectedItem()).isEqualTo("m2");
        robot.interact(() -> vm.document().redo());
        assertThat(topology().namespaces().get("h1").machine()).isEqualTo("far");

        // Added under the first free name (m2, since the rename): asks for its helper and underlay at the fields;
        // removed again at once (nothing is on it).
        robot.clickOn("#machine-add");
        assertThat(list(robot).getItems()).containsExactly("local", "far", "m2", "m3");
        assertThat(list(robot).getSelectionModel().getSelectedItem()).isEqualTo("m2");
        assertThat(problem(robot, "helper")).startsWith("missing \"helper\"");
        assertThat(problem(robot, "underlay")).startsWith("missing \"underlay\"");
        robot.clickOn("#machine-remove");
        assertThat(list(robot).getItems()).containsExactly("local", "far", "m3");

        robot.interact(() -> window.canvas().getScene().getWindow().requestFocus());
        robot.interact(() -> window.canvas().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        Topology saved = TopologyJson.load(file).topology();
        assertThat(saved).isEqualTo(topology());
        assertThat(saved.machines().get("m3")).isEqualTo(opened.machines().get("m3").withHelper("ssh://lab@10.99.0.33").withWeight(2));
        assertThat(saved.machines().get("far")).isEqualTo(opened.machines().get("m2"));
        assertThat(Files.readString(file)).contains("\"vxlanPort\": 4789").contains("\"weight\": 2").contains("\"machine\": \"far\"");

        // m3 holds h3 and h4: removing it asks first; cancelled, nothing changes; chosen, they go to local.
        robot.interact(() -> window.editMachines());
        robot.clickOn(cell(robot, "m3"));
        robot.clickOn("#machine-remove");
        assertThat(robot.lookup("#confirm-machine-removal .header-panel .label").queryAs(Label.class).getText())
                .isEqualTo("Machine m3 still has namespace h3, namespace h4");
        robot.clickOn("Cancel");
        assertThat(topology().machines()).containsKey("m3");
        robot.clickOn("#machine-remove");
        robot.clickOn("Move to local and remove");
        assertThat(topology().machines()).containsOnlyKeys("local", "far");
        assertThat(topology().namespaces().get("h3").machine()).isNull();
        assertThat(topology().namespaces().get("h4").machine()).isNull();
        assertThat(list(robot).getItems()).containsExactly("local", "far");
        robot.interact(() -> vm.document().undo());
        assertThat(topology().machines()).containsKey("m3");
        assertThat(topology().namespaces().get("h3").machine()).isEqualTo("m3");
        robot.clickOn(robot.lookup("#machines-dialog .button").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.Button b && "Close".equals(b.getText())).findFirst().orElseThrow());
        assertThat(robot.lookup("#machines-dialog").tryQuery()).isEmpty();
    }
}
