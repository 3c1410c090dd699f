package org.nslab.gui.terminal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Size;
import org.jline.utils.ScreenTerminal;

/**
 * {@link Emulator} on JLine's {@link ScreenTerminal}, a VT100/xterm screen model (cursor movement, erase, scroll
 * regions, the alternate screen, 16, 256 and RGB colours). Bytes are decoded as UTF-8 here, keeping a sequence
 * split between two reads for the next one.
 */
public final class JLineEmulator implements Emulator {
    private final ScreenTerminal screen;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer left = ByteBuffer.allocate(0);

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
        screen.write(out);
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
    public synchronized Screen screen() {
        int columns = screen.getColumns();
        int rows = screen.getRows();
        long[] cells = new long[columns * rows];
        int[] cursor = new int[2];
        screen.dump(cells, cursor);
        int[] codePoints = new int[cells.length];
        int[] fg = new int[cells.length];
        int[] bg = new int[cells.length];
        int[] styles = new int[cells.length];
        for (int i = 0; i < cells.length; i++) {
            long c = cells[i];
            int cp = ScreenTerminal.cellCodePoint(c);
            codePoints[i] = cp == 0 ? ' ' : cp;
            fg[i] = ScreenTerminal.cellHasForeground(c) ? ScreenTerminal.cellColorRgb(ScreenTerminal.cellForeground(c)) : Screen.DEFAULT;
            bg[i] = ScreenTerminal.cellHasBackground(c) ? ScreenTerminal.cellColorRgb(ScreenTerminal.cellBackground(c)) : Screen.DEFAULT;
            styles[i] = (ScreenTerminal.cellBold(c) ? Screen.BOLD : 0) | (ScreenTerminal.cellUnderline(c) ? Screen.UNDERLINE : 0)
                    | (ScreenTerminal.cellInverse(c) ? Screen.INVERSE : 0);
        }
        return new Screen(columns, rows, codePoints, fg, bg, styles, Math.min(cursor[0], columns - 1), Math.min(cursor[1], rows - 1));
    }
}
