package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Namespace;
import org.nslab.gui.document.Edit;
import org.nslab.gui.main.MainViewModel;
import org.nslab.gui.main.MainWindow;
import org.nslab.gui.main.RecentFiles;
import org.nslab.gui.main.Recovery;
import org.nslab.gui.main.Stores;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** No lost work: a designer killed with unsaved changes offers them back at the next start. */
@ExtendWith(ApplicationExtension.class)
class RecoveryUiTest {
    private static final Path EXAMPLE = Path.of("..", "assets", "examples", "router-lab.nslab.json");
    @TempDir Path dir;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private MainViewModel designer(FxRobot robot, Path folder) {
        MainViewModel vm = new MainViewModel(Stores.json(), RecentFiles.inMemory(), new Recovery(folder));
        robot.interact(() -> stage.getProperties().put("window",
                Designer.show(stage, vm, Designer.direct(Designer.unreachable()), 1200, 800).window()));
        return vm;
    }

    private MainWindow window() {
        return (MainWindow) stage.getProperties().get("window");
    }

    private static List<String> files(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static boolean keepsADesign(Path folder) throws Exception {
        return files(folder).stream().anyMatch(f -> f.endsWith(".nslab.json"));
    }

    private void answer(FxRobot robot, String button) {
        WaitForAsyncUtils.waitForFxEvents();
        DialogPane pane = robot.lookup("#offer-recovery").queryAs(DialogPane.class);
        robot.clickOn(robot.from(pane).lookup(button).queryButton());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** A designer in its own JVM, once it has kept its unsaved edit (adding {@code namespace}) on disk. */
    private static Process launch(Path folder, String namespace, Path design) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path")));
        for (String p : List.of("glass.platform", "monocle.platform", "prism.order", "prism.text", "headless.geometry", "java.awt.headless")) {
            if (System.getProperty(p) != null) command.add("-D" + p + "=" + System.getProperty(p));
        }
        command.addAll(List.of(KilledDesigner.class.getName(), folder.toString(), namespace));
        if (design != null) command.add(design.toString());
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"kept".equals(line)) {
            p.destroyForcibly();
            throw new AssertionError("the designer did not keep its work: " + line);
        }
        return p;
    }

    /** SIGKILL: no shutdown hook, no clean close. */
    private static void kill(Process p) throws Exception {
        p.destroyForcibly();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(137);
    }

    @Test
    void aKilledDesignersUnsavedEditComesBackAsAnUnsavedChangeOfItsFile(FxRobot robot) throws Exception {
        Path folder = dir.resolve("recovery");
        Path design = Files.copy(EXAMPLE, dir.resolve("router-lab.nslab.json"));
        String saved = Files.readString(design);
        kill(launch(folder, "survivor", design));
        assertThat(Files.readString(design)).isEqualTo(saved);

        MainViewModel vm = designer(robot, folder);
        Platform.runLater(() -> window().offerRecovery());
        answer(robot, "Recover");
        assertThat(vm.document().topology().namespaces()).containsKey("survivor");
        assertThat(vm.document().file()).isEqualTo(design.toAbsolutePath().normalize());
        assertThat(vm.document().isDirty()).isTrue();
        assertThat(vm.document().undoLabelProperty().get()).isEqualTo("Recover Unsaved Changes");
        // Undo shows the file as it was saved; the killed designer's slot is gone, so nothing is offered twice.
        robot.interact(() -> vm.document().undo());
        assertThat(TopologyJson.write(vm.document().topology())).isEqualTo(TopologyJson.write(TopologyJson.load(design).topology()));
        robot.interact(() -> vm.document().redo());
        assertThat(vm.recoverable()).isEmpty();
        // Saving ends it: the file holds the recovered namespace, and no unsaved work is kept.
        robot.interact(() -> {
            try {
                vm.save();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(TopologyJson.load(design).topology().namespaces()).containsKey("survivor");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !keepsADesign(folder));
        robot.interact(vm::closeRecovery);
        assertThat(files(folder)).isEmpty();
    }

    @Test
    void aRunningDesignersWorkIsNotOfferedLaterKeepsItDiscardRemovesIt(FxRobot robot) throws Exception {
        Path folder = dir.resolve("recovery");
        Process running = launch(folder, "solo", null);
        MainViewModel vm;
        try {
            vm = designer(robot, folder);
            assertThat(vm.recoverable()).as("its designer still runs").isEmpty();
        } finally {
            kill(running);
        }
        assertThat(vm.recoverable()).hasSize(1);
        Platform.runLater(() -> window().offerRecovery());
        answer(robot, "Later");
        assertThat(vm.document().topology().namespaces()).isEmpty();
        assertThat(vm.recoverable()).hasSize(1);
        Platform.runLater(() -> window().offerRecovery());
        answer(robot, "Discard");
        assertThat(vm.recoverable()).isEmpty();
        assertThat(files(folder)).isEmpty();
        // An untitled design's work comes back untitled, and a clean exit keeps nothing.
        kill(launch(folder, "solo", null));
        Platform.runLater(() -> window().offerRecovery());
        answer(robot, "Recover");
        assertThat(vm.document().file()).isNull();
        assertThat(vm.document().topology().namespaces()).containsOnlyKeys("solo");
        assertThat(vm.document().isDirty()).isTrue();
        robot.interact(() -> vm.document().apply(new Edit.SetNamespace("more", null, Namespace.empty())));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> keepsADesign(folder));
        robot.interact(vm::closeRecovery);
        assertThat(files(folder)).isEmpty();
    }
}
