package org.nslab.gui.terminal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextBoundsType;

/**
 * A terminal widget: an {@link Emulator}'s screen drawn on a canvas in a monospaced font, a cell per character,
 * the cursor a filled cell (an outline when the widget has no focus). Keys become bytes ({@link Keys}) for
 * {@link #setOnKeys}; a new size in cells goes to the emulator and to {@link #setOnResize}. {@link #refresh} may be
 * called from any thread: redraws are coalesced to one per pulse.
 */
public final class TerminalView extends Region {
    private final Emulator emulator;
    private final Canvas canvas = new Canvas();
    private final Font font = Font.font("Monospaced", 14);
    private final Font boldFont = Font.font("Monospaced", FontWeight.BOLD, 14);
    private final double cellWidth;
    private final double cellHeight;
    private final double baseline;
    private final AtomicBoolean redrawPending = new AtomicBoolean();
    private final ScreenPainter.Palette palette = ScreenPainter.Palette.DARK;
    private Consumer<byte[]> keys = k -> {};
    private BiConsumer<Integer, Integer> resized = (c, r) -> {};
    private int columns;
    private int rows;

    public TerminalView(Emulator emulator, int columns, int rows) {
        this.emulator = emulator;
        this.columns = columns;
        this.rows = rows;
        Text probe = new Text("MMMMMMMMMM");
        probe.setFont(font);
        probe.setBoundsType(TextBoundsType.LOGICAL);
        cellWidth = Math.ceil(probe.getLayoutBounds().getWidth()) / 10;
        cellHeight = Math.ceil(probe.getLayoutBounds().getHeight());
        baseline = probe.getBaselineOffset();
        getChildren().add(canvas);
        getStyleClass().add("terminal");
        setFocusTraversable(true);
        setPrefSize(columns * cellWidth, rows * cellHeight);
        setMinSize(cellWidth * 20, cellHeight * 4);
        addEventHandler(KeyEvent.KEY_PRESSED, this::pressed);
        addEventHandler(KeyEvent.KEY_TYPED, this::typed);
        // Consumed: the tab pane around would take the focus for itself.
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            e.consume();
        });
        focusedProperty().addListener((o, a, f) -> refresh());
    }

    /** Where the bytes of keys typed here go. */
    public void setOnKeys(Consumer<byte[]> keys) {
        this.keys = keys;
    }

    /** Hears (columns, rows) each time the widget's size in cells changes. */
    public void setOnResize(BiConsumer<Integer, Integer> resized) {
        this.resized = resized;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /** What the widget shows (the emulator's screen). */
    public Screen screen() {
        return emulator.screen();
    }

    /** Redraws soon, from any thread. */
    public void refresh() {
        if (redrawPending.compareAndSet(false, true)) Platform.runLater(this::draw);
    }

    private void pressed(KeyEvent e) {
        byte[] bytes = Keys.pressed(e.getCode(), e.isControlDown(), e.isAltDown(), e.isShiftDown());
        if (bytes.length > 0) {
            keys.accept(bytes);
            e.consume();
        } else if (e.getCode() == javafx.scene.input.KeyCode.TAB || e.getCode().isArrowKey()) {
            e.consume(); // never focus traversal out of a terminal
        }
    }

    private void typed(KeyEvent e) {
        byte[] bytes = Keys.typed(e.getCharacter(), e.isControlDown(), e.isAltDown());
        if (bytes.length > 0) keys.accept(bytes);
        e.consume();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        canvas.setWidth(w);
        canvas.setHeight(h);
        int c = Math.max(20, (int) Math.floor((w - snappedLeftInset() - snappedRightInset()) / cellWidth));
        int r = Math.max(4, (int) Math.floor((h - snappedTopInset() - snappedBottomInset()) / cellHeight));
        if (w > 0 && h > 0 && (c != columns || r != rows)) {
            columns = c;
            rows = r;
            emulator.resize(c, r);
            resized.accept(c, r);
        }
        draw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return columns * cellWidth;
    }

    @Override
    protected double computePrefHeight(double width) {
        return rows * cellHeight;
    }

    private void draw() {
        redrawPending.set(false);
        Screen s = emulator.screen();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(rgb(palette.background()));
        g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        for (ScreenPainter.Run run : ScreenPainter.runs(s, palette)) {
            double x = run.column() * cellWidth;
            double y = run.row() * cellHeight;
            if (run.background() != palette.background()) {
                g.setFill(rgb(run.background()));
                g.fillRect(x, y, run.length() * cellWidth, cellHeight);
            }
            if (run.text().isBlank() && !run.underline()) continue;
            g.setFill(rgb(run.foreground()));
            g.setFont(run.bold() ? boldFont : font);
            // Cell by cell, so a proportional fallback glyph never shifts the rest of the line.
            int col = 0;
            for (int i = 0; i < run.text().length(); ) {
                int cp = run.text().codePointAt(i);
                if (cp != ' ') g.fillText(new String(Character.toChars(cp)), x + col * cellWidth, y + baseline);
                i += Character.charCount(cp);
                col++;
            }
            if (run.underline()) g.fillRect(x, y + cellHeight - 2, run.length() * cellWidth, 1);
        }
        double cx = s.cursorColumn() * cellWidth;
        double cy = s.cursorRow() * cellHeight;
        if (isFocused()) {
            g.setFill(rgb(palette.cursor()));
            g.fillRect(cx, cy, cellWidth, cellHeight);
            int cp = s.codePoints()[s.index(s.cursorColumn(), s.cursorRow())];
            if (cp != ' ') {
                g.setFill(rgb(palette.background()));
                g.setFont(font);
                g.fillText(new String(Character.toChars(cp)), cx, cy + baseline);
            }
        } else {
            g.setStroke(rgb(palette.cursor()));
            g.strokeRect(cx + 0.5, cy + 0.5, cellWidth - 1, cellHeight - 1);
        }
    }

    private static Color rgb(int rgb) {
        return Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }
}
