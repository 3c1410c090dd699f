package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.nslab.engine.lab.LabService;
import org.nslab.gui.terminal.TerminalView;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The designer's terminal and Run Command… against the real kernel, once through a real helper daemon and once
 * in-process as root: double-click an applied namespace, type {@code hostname} and read the node's host name on the
 * widget's screen; resize the window and read {@code stty size}; Ctrl-C interrupts {@code sleep 100}; closing the tab
 * leaves no process in the lab, nor does closing the window with two shells. Run Command… runs words (no shell
 * unless typed) and shows output and exit status, and Cancel ends a command; tearing the lab down ends a terminal's
 * shell.
 */
@KernelTest
@WindowSize(width = 1440, height = 860)
class TerminalEndToEndTest extends EachWayDesigner {
    static final String DESIGN = """
            {"format": "nslab/1", "name": "gterm",
             "namespaces": {"alpha": {"hostname": "alpha-host"}, "beta": {}},
             "veths": [{"a": {"namespace": "alpha", "name": "eth0", "addresses": ["10.0.7.1/24"]},
                        "b": {"namespace": "beta", "name": "eth0", "addresses": ["10.0.7.2/24"]}}],
             "layout": {"alpha": {"x": 100, "y": 200}, "beta": {"x": 500, "y": 200}}}
            """;

    @Override
    protected void useTheLab(FxRobot robot, LabService control) throws Exception {
        HostSnapshot before = HostSnapshot.take();
        Path design = dir.resolve("gterm.nslab.json");
        Files.writeString(design, DESIGN);
        robot.interact(() -> {
            lab.controlProperty().set(control);
            window.open(design);
        });
        // Not applied: a namespace's menu offers no terminal.
        robot.rightClickOn(cardPoint("alpha"));
        assertThat(window.canvas().contextMenuItems()).doesNotContain("Open Terminal", "Run Command…");
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);

        robot.clickOn("#lab-apply");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !lab.busyProperty().get() && "Apply done".equals(lab.stepProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();

        robot.doubleClickOn(cardPoint("alpha"));
        TerminalView alpha = awaitTerminal(robot, "alpha");
        // The login shell's prompt names the node by its host name.
        awaitScreen(alpha, s -> s.contains("@alpha-host"));
        typeLine(robot, alpha, "hostname");
        awaitScreen(alpha, s -> s.lines().anyMatch(l -> l.strip().equals("alpha-host")));
        // The terminal has the designer's theme's colours, and follows it.
        assertThat(alpha.palette()).isEqualTo(org.nslab.gui.terminal.ScreenPainter.Palette.LIGHT);
        robot.interact(() -> vm.darkProperty().set(true));
        assertThat(alpha.palette()).isEqualTo(org.nslab.gui.terminal.ScreenPainter.Palette.DARK);
        robot.interact(() -> vm.darkProperty().set(false));

        // A bigger window: the widget has more cells, and the shell's terminal says so.
        int columns = alpha.columns();
        robot.interact(() -> {
            Stage terminals = window.terminals().stage();
            terminals.setWidth(terminals.getWidth() + 160);
            terminals.setHeight(terminals.getHeight() + 90);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> alpha.columns() > columns);
        WaitForAsyncUtils.waitForFxEvents();
        typeLine(robot, alpha, "stty size");
        String size = alpha.rows() + " " + alpha.columns();
        awaitScreen(alpha, s -> s.lines().anyMatch(l -> l.strip().equals(size)));

        // Ctrl-C reaches the foreground job through the terminal's line discipline.
        typeLine(robot, alpha, "sleep 100");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> processes("sleep").size() == 1);
        robot.press(KeyCode.CONTROL).press(KeyCode.C).release(KeyCode.C).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> processes("sleep").isEmpty());
        typeLine(robot, alpha, "echo status=$?");
        awaitScreen(alpha, s -> s.contains("status=130"));

        // Closing the tab ends the shell: nothing of it is left in the lab.
        awaitShells(1);
        robot.clickOn(robot.lookup("#terminal-tabs .tab-close-button").<Node>query());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> HostSnapshot.processesInLabNamespaces().isEmpty());

        // Run Command…: words, no shell unless one is typed; its output and exit status.
        robot.rightClickOn(cardPoint("beta"));
        assertThat(window.canvas().contextMenuItems()).contains("Open Terminal", "Run Command…");
        robot.clickOn("Run Command…");
        robot.clickOn("#run-command-words").write("sh -c 'echo hi; echo oops >&2; exit 3'");
        robot.clickOn("#run-command-run");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> outcome(robot).startsWith("exit status"));
        assertThat(outcome(robot)).isEqualTo("exit status 3");
        // Two pipes: which of stdout and stderr comes first is the kernel's scheduling; stderr's lines are marked.
        assertThat(robot.lookup("#run-command-output").queryAs(TextArea.class).getText().lines()).containsExactlyInAnyOrder("hi", "! oops");
        // Cancel ends what runs.
        robot.interact(() -> robot.lookup("#run-command-words").queryAs(javafx.scene.control.TextField.class).clear());
        robot.clickOn("#run-command-words").write("sleep 100");
        robot.clickOn("#run-command-run");
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> processes("sleep").size() == 1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no sleep in the lab; the window says: " + outcome(robot), e);
        }
        robot.clickOn("#run-command-cancel");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outcome(robot).startsWith("exit status"));
        assertThat(outcome(robot)).isEqualTo("exit status 143 (signal 15)");
        assertThat(HostSnapshot.processesInLabNamespaces()).isEmpty();
        robot.interact(() -> ((Stage) robot.lookup("#run-command-words").query().getScene().getWindow()).close());

        // Closing the window ends every shell in it.
        robot.doubleClickOn(cardPoint("alpha"));
        awaitScreen(awaitTerminal(robot, "alpha"), s -> s.contains("@alpha-host"));
        robot.interact(() -> {
            // Below the cards, as a user would move it.
            double below = Math.max(bottom("alpha"), bottom("beta")) + 20;
            window.terminals().stage().setY(below);
        });
        // A click first brings the designer's window back to the front, so the double-click is one on the card.
        robot.clickOn(cardPoint("beta"));
        robot.doubleClickOn(cardPoint("beta"));
        awaitScreen(awaitTerminal(robot, "beta"), s -> s.contains("#"));
        awaitShells(2);
        robot.interact(() -> window.terminals().stage().close());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> HostSnapshot.processesInLabNamespaces().isEmpty());
        assertThat(window.terminals().sessions()).isEmpty();

        // Open Terminal from the menu; tearing the lab down ends its shell, and the tab says so.
        robot.rightClickOn(cardPoint("beta"));
        robot.clickOn("Open Terminal");
        TerminalView beta = awaitTerminal(robot, "beta");
        awaitScreen(beta, s -> s.contains("#"));
        awaitShells(1);
        robot.clickOn("#lab-teardown");
        robot.clickOn(robot.lookup("#confirm-teardown .button").<javafx.scene.control.Button>match(b -> "Teardown".equals(b.getText())).<Node>query());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !lab.busyProperty().get() && "Teardown done".equals(lab.stepProperty().get()));
        awaitScreen(beta, s -> s.contains("[beta: exited with status"));
        assertThat(HostSnapshot.take().differencesFrom(before)).isEmpty();
        robot.interact(() -> window.terminals().stage().close());
        assertThat(window.terminals().sessions()).isEmpty();
    }

    private TerminalView awaitTerminal(FxRobot robot, String node) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#terminal-" + node).tryQuery().isPresent()
                && window.terminals().selected() != null && window.terminals().selected().getId().equals("terminal-" + node));
        WaitForAsyncUtils.waitForFxEvents();
        return window.terminals().selected();
    }

    private static void typeLine(FxRobot robot, TerminalView view, String line) {
        robot.clickOn(view);
        robot.write(line);
        robot.type(KeyCode.ENTER);
    }

    private static void awaitScreen(TerminalView view, Predicate<String> shows) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> shows.test(view.screen().text()));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the terminal (focused " + view.isFocused() + ", window focused " + view.getScene().getWindow().isFocused()
                    + ", focus owner " + view.getScene().getFocusOwner() + ") shows:\n" + view.screen().text(), e);
        }
    }

    /** Exactly {@code count} shells in the lab, once the short-lived subshells a prompt may fork have gone. */
    private static void awaitShells(int count) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> processes("bash").size() == count);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("shells in the lab: " + processes("bash") + ", expected " + count, e);
        }
    }

    private static String outcome(FxRobot robot) {
        return robot.lookup("#run-command-outcome").queryAs(Label.class).getText();
    }

    private static List<String> processes(String comm) {
        return HostSnapshot.processesInLabNamespaces().stream().filter(p -> p.split(" ")[1].equals(comm)).toList();
    }

    private double bottom(String id) {
        var skin = window.canvas().nodeSkin(id);
        return skin.localToScreen(skin.getBoundsInLocal()).getMaxY();
    }

    private Point2D cardPoint(String id) {
        var skin = window.canvas().nodeSkin(id);
        var b = skin.localToScreen(skin.getBoundsInLocal());
        return new Point2D(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.3);
    }
}
