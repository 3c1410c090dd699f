package org.nslab.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The widget on a real stage: what it paints for a program's output (a coloured cell, the default background
 * where an erase left nothing, the cursor's cell) and the bytes typed keys send, the terminal's own keys (Tab,
 * arrows) kept from the window's focus traversal.
 */
@ExtendWith(ApplicationExtension.class)
class TerminalViewUiTest {
    private JLineEmulator emulator;
    private TerminalView view;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();

    @Start
    void start(Stage stage) {
        emulator = new JLineEmulator(40, 10);
        view = new TerminalView(emulator, 40, 10);
        view.setOnKeys(sent::writeBytes);
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(view)));
        stage.show();
    }

    private void output(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        emulator.receive(b, b.length);
        view.refresh();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Color pixelOfCell(FxRobot robot, int column, int row, double dx, double dy) {
        WritableImage[] shot = new WritableImage[1];
        robot.interact(() -> shot[0] = view.snapshot(null, null));
        double cellWidth = view.getWidth() / view.columns();
        double cellHeight = view.getHeight() / view.rows();
        return shot[0].getPixelReader().getColor((int) ((column + dx) * cellWidth), (int) ((row + dy) * cellHeight));
    }

    private static int rgb(Color c) {
        return ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8) | (int) Math.round(c.getBlue() * 255);
    }

    @Test
    void paintsColoursTheEraseAndTheCursor(FxRobot robot) {
        ScreenPainter.Palette p = ScreenPainter.Palette.DARK;
        output("\u001b[41mRR\u001b[0m\u001b[44mBBBB\u001b[0m\r\u001b[3C\u001b[K\r\n");
        // Red background where text kept it; the erased cells are the theme's background again.
        assertThat(rgb(pixelOfCell(robot, 0, 0, 0.1, 0.1))).isEqualTo(p.shown(0x880000));
        assertThat(rgb(pixelOfCell(robot, 2, 0, 0.1, 0.1))).isEqualTo(p.shown(0x000088));
        assertThat(rgb(pixelOfCell(robot, 4, 0, 0.5, 0.5))).isEqualTo(p.background());
        // The cursor (column 0 of row 1): filled when the widget has the focus, an outline without it.
        robot.interact(view::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rgb(pixelOfCell(robot, 0, 1, 0.5, 0.5))).isEqualTo(p.cursor());
        output("\u001b[5;10H");
        assertThat(rgb(pixelOfCell(robot, 0, 1, 0.5, 0.5))).isEqualTo(p.background());
        assertThat(rgb(pixelOfCell(robot, 9, 4, 0.5, 0.5))).isEqualTo(p.cursor());
    }

    @Test
    void theLightThemesPaletteIsDarkTextOnWhite(FxRobot robot) {
        ScreenPainter.Palette light = ScreenPainter.Palette.LIGHT;
        robot.interact(() -> view.setPalette(light));
        output("\u001b[7mI\u001b[0m\r\n");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(rgb(pixelOfCell(robot, 0, 0, 0.1, 0.1))).as("inverse: the foreground as background").isEqualTo(light.foreground());
        assertThat(rgb(pixelOfCell(robot, 5, 0, 0.5, 0.5))).isEqualTo(0xffffff);
    }

    @Test
    void keysBecomeTheBytesXtermSends(FxRobot robot) {
        robot.clickOn(view);
        robot.write("ls");
        robot.type(KeyCode.TAB).type(KeyCode.LEFT).type(KeyCode.ENTER);
        robot.press(KeyCode.CONTROL).press(KeyCode.C).release(KeyCode.C).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sent.toByteArray()).containsExactly('l', 's', '\t', 0x1b, '[', 'D', '\r', 0x03);
        // Tab and the arrows stayed in the terminal: it still has the focus.
        assertThat(view.isFocused()).isTrue();
    }

    @Test
    void aDragSelectsCtrlShiftCCopiesAndCtrlShiftVTypesTheClipboard(FxRobot robot) {
        output("first line here\r\nsecond   \r\nthird\r\n");
        int background = ScreenPainter.Palette.DARK.background();
        robot.drag(cell(6, 0), javafx.scene.input.MouseButton.PRIMARY).dropTo(cell(2, 1));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.selection().text(view.screen())).isEqualTo("line here\nsec");
        assertThat(rgb(pixelOfCell(robot, 14, 0, 0.5, 0.1))).as("a selected cell is marked").isNotEqualTo(background);
        assertThat(rgb(pixelOfCell(robot, 3, 1, 0.5, 0.1))).as("the cell after the selection is not").isEqualTo(background);

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.C).release(KeyCode.C, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clipboard(robot)).isEqualTo("line here\nsec");
        assertThat(sent.toByteArray()).as("copying sends nothing to the program").isEmpty();

        robot.interact(() -> {
            javafx.scene.input.ClipboardContent c = new javafx.scene.input.ClipboardContent();
            c.putString("echo hi\nexit\r\n");
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.V).release(KeyCode.V, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(new String(sent.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("echo hi\rexit\r");
        assertThat(view.selection()).as("what is typed ends the selection").isNull();
    }

    @Test
    void theContextMenuCopiesTheSelectionAndPastes(FxRobot robot) {
        output("alpha beta\r\n");
        robot.drag(cell(6, 0), javafx.scene.input.MouseButton.PRIMARY).dropTo(cell(9, 0));
        robot.rightClickOn(cell(7, 0));
        robot.clickOn("Copy (Ctrl+Shift+C)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(clipboard(robot)).isEqualTo("beta");
        robot.rightClickOn(cell(1, 2));
        robot.clickOn("Paste (Ctrl+Shift+V)");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(new String(sent.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("beta");
    }

    @Test
    void theWheelAndShiftPageUpScrollBackOutputKeepsTheViewOnItsTextAndAKeyComesBack(FxRobot robot) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50; i++) lines.append("line ").append(i).append("\r\n");
        output(lines + "$ ");
        // 50 lines and the prompt on ten rows: lines 0..40 scrolled off; the screen starts at line 41.
        assertThat(view.screen().line(0)).isEqualTo("line 41");
        wheel(robot, 2);
        int back = view.linesBack();
        assertThat(back).as("two notches up, three lines each").isEqualTo(6);
        assertThat(view.screen().line(0)).isEqualTo("line " + (41 - back));
        assertThat(rgb(pixelOfCell(robot, view.columns() - 1, 0, 0.5, 0.5))).as("where the view is, top right")
                .isEqualTo(ScreenPainter.Palette.DARK.cursor());

        robot.clickOn(view);
        robot.press(KeyCode.SHIFT, KeyCode.PAGE_UP).release(KeyCode.PAGE_UP, KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.linesBack()).as("a page is the rows but one").isEqualTo(back + 9);
        assertThat(sent.toByteArray()).as("scrolling sends nothing to the program").isEmpty();

        // Three more lines scroll off while the view is back: it still shows the same text.
        String top = view.screen().line(0);
        output("\r\nmore 1\r\nmore 2\r\nmore 3\r\n$ ");
        assertThat(view.screen().line(0)).isEqualTo(top);

        assertThat(view.linesBack()).as("followed the four new lines").isEqualTo(back + 9 + 4);
        wheel(robot, -1);
        assertThat(view.linesBack()).as("a notch down").isEqualTo(back + 9 + 4 - 3);
        robot.write("x");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(view.linesBack()).as("typing shows the screen again").isZero();
        assertThat(view.screen().line(view.rows() - 1)).isEqualTo("$");
        assertThat(sent.toByteArray()).containsExactly('x');
    }

    /**
     * The wheel turned by {@code notches} (up: positive), as JavaFX reports a mouse's wheel: 40 pixels a notch. Sent
     * as the event itself because Monocle's robot reports the wheel's direction the other way round from a display's.
     */
    private void wheel(FxRobot robot, int notches) {
        javafx.geometry.Point2D at = cell(5, 5);
        javafx.geometry.Point2D local = view.screenToLocal(at);
        robot.interact(() -> javafx.event.Event.fireEvent(view, new javafx.scene.input.ScrollEvent(
                javafx.scene.input.ScrollEvent.SCROLL, local.getX(), local.getY(), at.getX(), at.getY(),
                false, false, false, false, false, false, 0, 40.0 * notches, 0, 40.0 * notches,
                javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.LINES, 3.0 * notches, 0, null)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private javafx.geometry.Point2D cell(int column, int row) {
        return view.localToScreen((column + 0.5) * view.getWidth() / view.columns(), (row + 0.5) * view.getHeight() / view.rows());
    }

    private static String clipboard(FxRobot robot) {
        String[] text = new String[1];
        robot.interact(() -> text[0] = javafx.scene.input.Clipboard.getSystemClipboard().getString());
        return text[0];
    }
}
