package org.nslab.gui.ui;

import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Control;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.model.Topology;
import org.nslab.gui.inspector.InspectorView;
import org.nslab.gui.lab.LabViewModel;
import org.nslab.gui.main.DesignStore;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.nslab.gui.main.Stores;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The frame of the designer's window tests: before each test the main window on the test stage with its view
 * models, at the size of the class's {@link WindowSize} (1600 by 1000 without one), a folder of its own for the
 * files it saves, and the inspector's fields found by their JSON Pointer as a user finds them, by looking.
 */
@ExtendWith(ApplicationExtension.class)
abstract class WindowFrame {
    /** The example most window tests open. */
    protected static final Path ROUTER_LAB = Path.of("..", "assets", "examples", "router-lab.nslab.json");
    /** The engine's design over three machines: a router on local, a host on m2, a bridge spread over local and m3. */
    protected static final Path SPREAD = Path.of("..", "engine", "src", "test", "resources", "machines", "spread.nslab.json");

    protected MainViewModel vm;
    protected MainWindow window;
    protected LabViewModel lab;
    @TempDir
    protected Path dir;

    /**
     * What a test's {@code @Start} method would do, for every window test alike (TestFX looks for {@code @Start}
     * only in the test class itself, so a frame cannot declare it).
     */
    @BeforeEach
    void showTheWindow() throws TimeoutException {
        for (java.lang.reflect.Method m : getClass().getDeclaredMethods()) {
            // Its window would be replaced by this one: the frame shows the window, the class only chooses how.
            if (m.isAnnotationPresent(Start.class)) {
                throw new IllegalStateException(getClass().getSimpleName() + "." + m.getName() + " is a @Start method; a window test"
                        + " gives its size with @WindowSize and its stores by overriding show(Stage, double, double)");
            }
        }
        WindowSize size = getClass().getAnnotation(WindowSize.class);
        double width = size == null ? 1600 : size.width();
        double height = size == null ? 1000 : size.height();
        FxToolkit.setupStage(stage -> show(stage, width, height));
    }

    /** Designs read from their files, lab work on the calling thread, no helper; a frame may choose others. */
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
