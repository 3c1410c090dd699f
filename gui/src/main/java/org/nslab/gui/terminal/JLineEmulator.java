package org.nslab.gui.terminal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.utils.ScreenTerminal;

/**
 * {@link Emulator} on JLine's {@link ScreenTerminal}, a VT100/xterm screen model (cursor movement, erase, scroll
 * regions, the alternate screen, 16, 256 and RGB colours). Bytes are decoded as UTF-8 here, keeping a sequence
 * split between two reads for the next one. JLine keeps every line that scrolls off, without end: a shell left
 * running {@code ping} would fill the designer's memory. So every few hundred lines, at a point where the program is
 * between escape sequences ({@link SequenceTracker}), they move to a store that keeps the newest
 * {@value #SAVED_LINES} and JLine's are erased.
 */
public final class JLineEmulator implements Emulator {
    /** How many lines scrolled off the top are kept to scroll back to. */
    public static final int SAVED_LINES = 10_000;
    private static final int MOVE_AFTER = 500;
    private static final String ERASE_SAVED_LINES = "\u001b[3J";

    private final ScreenTerminal screen;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer left = ByteBuffer.allocate(0);
    private final SequenceTracker tracker = new SequenceTracker();
    private final ArrayDeque<long[]> saved = new ArrayDeque<>();
    private long moved;

    public JLineEmulator(int columns, int rows) {
        screen = new ScreenTerminal(columns, rows);
    }

    @Override
    public synchronized void receive(byte[] bytes, int length) {
        ByteBuffer in = ByteBuffer.allocate(left.remaining() + length);
        in.put(left).put(bytes, 0, length).flip();
        CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
        decoder.decode(in, out, false);
        left = in.slice();
        out.flip();
        String text = out.toString();
        int between = -1;
        boolean wasAlternate = tracker.alternate();
        for (int i = 0; i < text.length(); i++) {
            if (tracker.next(text.charAt(i))) between = i + 1;
        }
        // Only the main screen's: the alternate screen keeps lines of its own, which no terminal scrolls back to.
        if (tracker.tookErase() && !wasAlternate && !tracker.alternate()) saved.clear();
        screen.write(text.substring(0, Math.max(between, 0)));
        if (between >= 0 && screen.getHistorySize() > MOVE_AFTER) moveSavedLines();
        if (between < text.length()) screen.write(text.substring(Math.max(between, 0)));
    }

    private void moveSavedLines() {
        if (!tracker.alternate()) {
            for (long[] line : screen.getHistory()) {
                saved.addLast(line);
                if (saved.size() > SAVED_LINES) saved.removeFirst();
                moved++;
            }
        }
        screen.write(ERASE_SAVED_LINES);
    }

    @Override
    public synchronized byte[] replies() {
        String answer = screen.read();
        return answer == null ? new byte[0] : answer.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void resize(int columns, int rows) {
        screen.setSize(Size.of(columns, rows));
    }

    @Override
    public synchronized int savedLines() {
        return tracker.alternate() ? 0 : Math.min(saved.size() + screen.getHistorySize(), SAVED_LINES);
    }

    @Override
    public synchronized long linesScrolledOff() {
        return tracker.alternate() ? moved : moved + screen.getHistorySize();
    }

    @Override
    public synchronized Screen screen(int linesBack) {
        int columns = screen.getColumns();
        int rows = screen.getRows();
        long[] now = new long[columns * rows];
        int[] cursor = new int[2];
        screen.dump(now, cursor);
        int back = Math.clamp(linesBack, 0, savedLines());
        List<long[]> above = back == 0 ? List.of() : linesAbove(Math.min(back, rows), back);
        int[] codePoints = new int[now.length];
        int[] fg = new int[now.length];
        int[] bg = new int[now.length];
        int[] styles = new int[now.length];
        for (int row = 0; row < rows; row++) {
            long[] line = row < above.size() ? above.get(row) : null;
            for (int column = 0; column < columns; column++) {
                long cell = line == null ? now[(row - above.size()) * columns + column] : column < line.length ? line[column] : 0;
                int i = row * columns + column;
                int cp = ScreenTerminal.cellCodePoint(cell);
                codePoints[i] = cp == 0 ? ' ' : cp;
                fg[i] = ScreenTerminal.cellHasForeground(cell) ? ScreenTerminal.cellColorRgb(ScreenTerminal.cellForeground(cell)) : Screen.DEFAULT;
                bg[i] = ScreenTerminal.cellHasBackground(cell) ? ScreenTerminal.cellColorRgb(ScreenTerminal.cellBackground(cell)) : Screen.DEFAULT;
                styles[i] = (ScreenTerminal.cellBold(cell) ? Screen.BOLD : 0) | (ScreenTerminal.cellUnderline(cell) ? Screen.UNDERLINE : 0)
                        | (ScreenTerminal.cellInverse(cell) ? Screen.INVERSE : 0);
            }
        }
        return new Screen(columns, rows, codePoints, fg, bg, styles, Math.min(cursor[0], columns - 1),
                Math.min(cursor[1], rows - 1) + back);
    }

    /** {@code count} saved lines from the one {@code back} lines above the screen's top, oldest first. */
    private List<long[]> linesAbove(int count, int back) {
        List<long[]> jline = screen.getHistory();
        int kept = saved.size() + jline.size();
        int from = kept - back;
        List<long[]> lines = new ArrayList<>(count);
        if (from < saved.size()) saved.stream().skip(from).limit(count).forEach(lines::add);
        for (int i = Math.max(from - saved.size(), 0); lines.size() < count; i++) lines.add(jline.get(i));
        return lines;
    }
}
