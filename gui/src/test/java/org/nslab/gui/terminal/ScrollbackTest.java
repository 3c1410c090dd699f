package org.nslab.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The lines that scroll off the screen's top, through the real emulator: kept to scroll back to, and bounded. */
class ScrollbackTest {
    private static final ScreenPainter.Palette P = ScreenPainter.Palette.DARK;

    private static void write(JLineEmulator e, String output) {
        byte[] b = output.getBytes(StandardCharsets.UTF_8);
        e.receive(b, b.length);
    }

    private static String numbered(int from, int to) {
        StringBuilder b = new StringBuilder();
        IntStream.range(from, to).forEach(i -> b.append("line ").append(i).append("\r\n"));
        return b.toString();
    }

    @Test
    void linesScrolledOffAreShownAboveTheScreenTheCursorBelowThem() {
        JLineEmulator e = new JLineEmulator(20, 4);
        write(e, numbered(0, 10) + "$ ");
        // Ten lines and the prompt on four rows: lines 0..6 scrolled off.
        assertThat(e.savedLines()).isEqualTo(7);
        assertThat(e.linesScrolledOff()).isEqualTo(7);
        assertThat(e.screen().text()).isEqualTo("line 7\nline 8\nline 9\n$\n");
        Screen two = e.screen(2);
        assertThat(two.text()).isEqualTo("line 5\nline 6\nline 7\nline 8\n");
        assertThat(two.showsCursor()).as("the prompt's row is below the picture").isFalse();
        assertThat(e.screen(1).showsCursor()).isFalse();
        assertThat(e.screen(0).showsCursor()).isTrue();
        assertThat(e.screen(99).text()).as("as far back as it goes").isEqualTo("line 0\nline 1\nline 2\nline 3\n");
    }

    @Test
    void aLongRunningOutputKeepsOnlyTheNewestLinesAndTheyStayInOrder() {
        JLineEmulator e = new JLineEmulator(20, 4);
        int total = 3 * JLineEmulator.SAVED_LINES;
        for (int i = 0; i < total; i += 100) write(e, numbered(i, i + 100));
        assertThat(e.savedLines()).isEqualTo(JLineEmulator.SAVED_LINES);
        assertThat(e.linesScrolledOff()).isEqualTo(total - 3);
        // The screen shows the last three lines and the empty row: the oldest kept line is SAVED_LINES above it.
        int oldest = total - 3 - JLineEmulator.SAVED_LINES;
        assertThat(e.screen(JLineEmulator.SAVED_LINES).line(0)).isEqualTo("line " + oldest);
        for (int back = 1; back < JLineEmulator.SAVED_LINES; back += 997) {
            assertThat(e.screen(back).line(0)).isEqualTo("line " + (total - 3 - back));
        }
    }

    @Test
    void aSequenceSplitWhereLinesAreMovedIsNotBroken() {
        JLineEmulator e = new JLineEmulator(20, 4);
        // Enough lines to move in this read, which ends inside a colour sequence and then inside a title.
        write(e, numbered(0, 700) + "\u001b[3");
        write(e, "1mRED\u001b[0m \u001b]0;ti");
        write(e, "tle\u0007X");
        Screen s = e.screen();
        assertThat(s.line(3)).isEqualTo("RED X");
        assertThat(ScreenPainter.foregroundAt(s, 0, 3, P)).isEqualTo(0xcc3333);
        assertThat(e.screen(1).line(3)).isEqualTo("line 699");
        assertThat(e.savedLines()).isEqualTo(697);
    }

    @Test
    void theProgramsEraseOfSavedLinesErasesThemAll() {
        JLineEmulator e = new JLineEmulator(20, 4);
        write(e, numbered(0, 1200));
        assertThat(e.savedLines()).isEqualTo(1197);
        // What `clear` writes: home, erase the screen, erase the saved lines.
        write(e, "\u001b[H\u001b[2J\u001b[3J" + numbered(0, 5));
        assertThat(e.savedLines()).isEqualTo(2);
        assertThat(e.screen(2).line(0)).isEqualTo("line 0");
    }

    @Test
    void theAlternateScreensLinesAreNotKeptAndTheMainScreensComeBack() {
        JLineEmulator e = new JLineEmulator(20, 4);
        write(e, numbered(0, 10));
        write(e, "\u001b[?1049h" + numbered(100, 1300));
        assertThat(e.savedLines()).as("a full-screen program scrolls its own screen").isZero();
        write(e, "\u001b[?1049l");
        assertThat(e.savedLines()).isEqualTo(7);
        assertThat(e.screen(7).line(0)).isEqualTo("line 0");
        assertThat(e.linesScrolledOff()).isEqualTo(7);
    }
}
