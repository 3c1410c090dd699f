package org.nslab.gui.ui;

import javafx.scene.control.Control;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.nslab.engine.model.Topology;
import org.nslab.gui.inspector.InspectorView;
import org.nslab.gui.lab.LabViewModel;
import org.nslab.gui.main.DesignStore;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.nslab.gui.main.Stores;
import org.testfx.api.FxRobot;

/**
 * The frame of the designer's window tests: the main window on the test stage with its view models, and the
 * inspector's fields found by their JSON Pointer as a user finds them, by looking.
 */
abstract class WindowFrame {
    /** The engine's design over three machines: a router on local, a host on m2, a bridge spread over local and m3. */
    protected static final java.nio.file.Path SPREAD =
            java.nio.file.Path.of("..", "engine", "src", "test", "resources", "machines", "spread.nslab.json");

    protected MainViewModel vm;
    protected MainWindow window;
    protected LabViewModel lab;

    /** For a test's {@code @Start}: designs read from their files, lab work on the calling thread, no helper. */
    protected void show(Stage stage, double width, double height) {
        show(stage, Stores.json(), Designer.direct(Designer.unreachable()), width, height);
    }

    protected void show(Stage stage, DesignStore store, LabViewModel lab, double width, double height) {
        Designer d = Designer.show(stage, store, lab, width, height);
        vm = d.vm();
        this.lab = d.lab();
        window = d.window();
    }

    protected Topology topology() {
        return vm.document().topology();
    }

    protected static InspectorView inspector(FxRobot robot) {
        return robot.lookup(".inspector-view").queryAs(InspectorView.class);
    }

    protected static Control field(FxRobot robot, String pointer) {
        return inspector(robot).controlFor(pointer).orElseThrow(() -> new AssertionError("no field " + pointer));
    }

    /** Clicks into the field, selects all its text and writes over it; the edit is not committed yet. */
    protected static void overwrite(FxRobot robot, String pointer, String text) {
        robot.clickOn(field(robot, pointer));
        robot.press(KeyCode.CONTROL).press(KeyCode.A).release(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(text);
    }
}
