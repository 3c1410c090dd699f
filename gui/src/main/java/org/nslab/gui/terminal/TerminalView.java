package org.nslab.gui.terminal;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
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
 * called from any thread: redraws are coalesced to one per pulse. Dragging the mouse selects text;
 * Ctrl+Shift+C copies it and Ctrl+Shift+V (or Shift+Insert) pastes, as in the usual Linux terminals, whose Ctrl+C
 * and Ctrl+V stay the program's; the context menu offers both. The mouse wheel and Shift+Page Up/Down scroll back
 * through the lines that scrolled off; a view scrolled back stays on its text while output goes on, and a key typed
 * (or Shift+End) brings it back to the screen.
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
    private ScreenPainter.Palette palette = ScreenPainter.Palette.DARK;
    /** Over the cells' own colours, so a selection of coloured text stays readable. */
    private static final Color SELECTED = Color.rgb(0x72, 0x9f, 0xcf, 0.45);
    private Consumer<byte[]> keys = k -> {};
    private BiConsumer<Integer, Integer> resized = (c, r) -> {};
    private int columns;
    private int rows;
    private Selection selection;
    private ContextMenu menu;
    private int anchorColumn;
    private int anchorRow;
    /** How many lines the view is scrolled back (0: it shows the screen), and the count of lines off it saw last. */
    private int linesBack;
    private long linesOffSeen;
    private static final int LINES_PER_NOTCH = 3;

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
            if (e.isPrimaryButtonDown()) {
                anchorColumn = columnAt(e.getX());
                anchorRow = rowAt(e.getY());
                select(null);
            } else if (e.isSecondaryButtonDown()) {
                showMenu(e.getScreenX(), e.getScreenY());
            }
            e.consume();
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (e.isPrimaryButtonDown()) select(new Selection(anchorColumn, anchorRow, columnAt(e.getX()), rowAt(e.getY())));
            e.consume();
        });
        // The mouse's menu opens on the press above; this is the keyboard's (the Menu key, Shift+F10).
        setOnContextMenuRequested(e -> {
            if (e.isKeyboardTrigger()) showMenu(e.getScreenX(), e.getScreenY());
            e.consume();
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            // The platform's lines a notch where it says them, else 40 pixels a notch (JavaFX's), three lines each.
            double lines = e.getTextDeltaYUnits() == ScrollEvent.VerticalTextScrollUnits.LINES ? e.getTextDeltaY()
                    : e.getTextDeltaYUnits() == ScrollEvent.VerticalTextScrollUnits.PAGES ? e.getTextDeltaY() * (rows - 1)
                    : e.getDeltaY() / 40 * LINES_PER_NOTCH;
            if (lines != 0) scrollBack((int) Math.signum(lines) * Math.max(1, (int) Math.round(Math.abs(lines))));
            e.consume();
        });
        focusedProperty().addListener((o, a, f) -> refresh());
    }

    /** The colours it draws with (the designer's theme's). */
    public ScreenPainter.Palette palette() {
        return palette;
    }

    public void setPalette(ScreenPainter.Palette palette) {
        this.palette = palette;
        refresh();
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

    /** What the widget shows: the emulator's screen, or the lines it is scrolled back to. */
    public Screen screen() {
        followScrolledLines();
        return emulator.screen(linesBack);
    }

    /** How many lines the view is scrolled back from the screen (0: it shows the screen). */
    public int linesBack() {
        followScrolledLines();
        return linesBack;
    }

    /** Scrolls {@code lines} further back (negative: forward), within the saved lines; a selection ends. */
    public void scrollBack(int lines) {
        followScrolledLines();
        int to = Math.clamp((long) linesBack + lines, 0, emulator.savedLines());
        if (to == linesBack) return;
        linesBack = to;
        selection = null;
        refresh();
    }

    /** While scrolled back, new lines scrolling off move the view's text up: follow it, as far as lines are kept. */
    private void followScrolledLines() {
        long off = emulator.linesScrolledOff();
        if (linesBack > 0) linesBack = (int) Math.clamp(linesBack + off - linesOffSeen, 0, emulator.savedLines());
        linesOffSeen = off;
    }

    /** The text selected with the mouse, or null. */
    public Selection selection() {
        return selection;
    }

    /** Puts the selected text on the clipboard; nothing when none is selected. */
    public void copy() {
        String text = selection == null ? "" : selection.text(screen());
        if (text.isEmpty()) return;
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    /** Types the clipboard's text, each line ended as Enter ends it (CR). */
    public void paste() {
        String text = Clipboard.getSystemClipboard().getString();
        if (text == null || text.isEmpty()) return;
        send(text.replace("\r\n", "\r").replace('\n', '\r').getBytes(StandardCharsets.UTF_8));
    }

    private void showMenu(double screenX, double screenY) {
        if (menu != null) menu.hide();
        menu = contextMenu();
        menu.show(this, screenX, screenY);
    }

    private ContextMenu contextMenu() {
        MenuItem copy = new MenuItem("Copy (Ctrl+Shift+C)");
        copy.setDisable(selection == null);
        copy.setOnAction(e -> copy());
        MenuItem paste = new MenuItem("Paste (Ctrl+Shift+V)");
        paste.setDisable(!Clipboard.getSystemClipboard().hasString());
        paste.setOnAction(e -> paste());
        return new ContextMenu(copy, paste);
    }

    private void select(Selection chosen) {
        selection = chosen;
        refresh();
    }

    private void send(byte[] bytes) {
        if (selection != null) select(null);
        if (linesBack != 0) scrollBack(-linesBack);
        keys.accept(bytes);
    }

    private int columnAt(double x) {
        return Math.clamp((long) Math.floor(x / cellWidth), 0, columns - 1);
    }

    private int rowAt(double y) {
        return Math.clamp((long) Math.floor(y / cellHeight), 0, rows - 1);
    }

    /** Redraws soon, from any thread. */
    public void refresh() {
        if (redrawPending.compareAndSet(false, true)) Platform.runLater(this::draw);
    }

    private void pressed(KeyEvent e) {
        KeyCode code = e.getCode();
        if (e.isControlDown() && e.isShiftDown() && !e.isAltDown() && (code == KeyCode.C || code == KeyCode.V)
                || e.isShiftDown() && !e.isControlDown() && code == KeyCode.INSERT) {
            if (code == KeyCode.C) copy();
            else paste();
            e.consume();
            return;
        }
        if (e.isShiftDown() && !e.isControlDown() && !e.isAltDown()
                && (code == KeyCode.PAGE_UP || code == KeyCode.PAGE_DOWN || code == KeyCode.END)) {
            scrollBack(code == KeyCode.PAGE_UP ? rows - 1 : code == KeyCode.PAGE_DOWN ? 1 - rows : -linesBack());
            e.consume();
            return;
        }
        byte[] bytes = Keys.pressed(code, e.isControlDown(), e.isAltDown(), e.isShiftDown());
        if (bytes.length > 0) {
            send(bytes);
            e.consume();
        } else if (e.getCode() == KeyCode.TAB || e.getCode().isArrowKey()) {
            e.consume(); // never focus traversal out of a terminal
        }
    }

    private void typed(KeyEvent e) {
        byte[] bytes = Keys.typed(e.getCharacter(), e.isControlDown(), e.isAltDown());
        if (bytes.length > 0) send(bytes);
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
        Screen s = screen();
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
        if (selection != null) {
            g.setFill(SELECTED);
            for (int r = 0; r < s.rows(); r++) {
                for (int c = 0; c < s.columns(); c++) {
                    if (!selection.contains(c, r)) continue;
                    int from = c;
                    while (c + 1 < s.columns() && selection.contains(c + 1, r)) c++;
                    g.fillRect(from * cellWidth, r * cellHeight, (c - from + 1) * cellWidth, cellHeight);
                }
            }
        }
        if (linesBack > 0) drawPosition(g);
        if (!s.showsCursor()) return;
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

    /** Where the view is, top right, as xterm-like terminals show it: "120 lines back of 5000". */
    private void drawPosition(GraphicsContext g) {
        String where = linesBack + (linesBack == 1 ? " line" : " lines") + " back of " + emulator.savedLines();
        Text measure = new Text(where);
        measure.setFont(font);
        double w = Math.ceil(measure.getLayoutBounds().getWidth()) + cellWidth;
        double x = canvas.getWidth() - w;
        g.setFill(rgb(palette.cursor()));
        g.fillRect(x, 0, w, cellHeight);
        g.setFill(rgb(palette.background()));
        g.setFont(font);
        g.fillText(where, x + cellWidth / 2, baseline);
    }

    private static Color rgb(int rgb) {
        return Color.rgb((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
    }
}
