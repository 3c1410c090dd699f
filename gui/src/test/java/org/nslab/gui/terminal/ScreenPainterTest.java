package org.nslab.gui.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the widget draws for a program's output, through the real emulator: colours, the cursor, erasing, resizing. */
class ScreenPainterTest {
    private static final ScreenPainter.Palette P = ScreenPainter.Palette.DARK;

    private static Screen after(int columns, int rows, String output) {
        JLineEmulator e = new JLineEmulator(columns, rows);
        byte[] b = output.getBytes(StandardCharsets.UTF_8);
        e.receive(b, b.length);
        return e.screen();
    }

    @Test
    void colouredTextIsItsOwnRunAndTheRestHasTheThemeColours() {
        Screen s = after(20, 3, "ok \u001b[31mred\u001b[0m \u001b[1;44mbold\u001b[0m");
        List<ScreenPainter.Run> row0 = ScreenPainter.runs(s, P).stream().filter(r -> r.row() == 0).toList();
        assertThat(row0).extracting(ScreenPainter.Run::text).containsExactly("ok ", "red", " ", "bold", " ".repeat(9));
        assertThat(row0.get(0).foreground()).isEqualTo(P.foreground());
        assertThat(row0.get(0).background()).isEqualTo(P.background());
        assertThat(row0.get(1).foreground()).isEqualTo(0xcc3333); // the theme's red for ANSI red
        assertThat(row0.get(3).bold()).isTrue();
        assertThat(row0.get(3).background()).isEqualTo(0x3465a4);
        assertThat(row0.get(4).column()).isEqualTo(11);
    }

    @Test
    void everyAnsiColourHasTheThemesOwnShade() {
        StringBuilder out = new StringBuilder();
        for (int sgr = 30; sgr < 38; sgr++) out.append("\u001b[").append(sgr).append("mX");
        for (int sgr = 90; sgr < 98; sgr++) out.append("\u001b[").append(sgr).append("mX");
        Screen s = after(16, 1, out.toString());
        java.util.Set<Integer> shown = new java.util.HashSet<>();
        for (int c = 0; c < 16; c++) shown.add(ScreenPainter.foregroundAt(s, c, 0, P));
        assertThat(shown).containsExactlyInAnyOrderElementsOf(P.ansi().values());
    }

    @Test
    void paletteColoursOf256AndInverseSwapsForegroundAndBackground() {
        Screen s = after(10, 2, "\u001b[38;5;208mA\u001b[0m\u001b[7mB\u001b[0m\u001b[4mC");
        assertThat(ScreenPainter.foregroundAt(s, 0, 0, P)).isEqualTo(0xff8800); // 256-colour orange, as the emulator keeps it (12 bits)
        assertThat(ScreenPainter.foregroundAt(s, 1, 0, P)).isEqualTo(P.background());
        assertThat(ScreenPainter.backgroundAt(s, 1, 0, P)).isEqualTo(P.foreground());
        assertThat(ScreenPainter.runs(s, P).get(2).underline()).isTrue();
    }

    @Test
    void theCursorFollowsMovesAndNewLines() {
        Screen s = after(20, 5, "one\r\ntwo\u001b[3;8H");
        assertThat(s.line(0)).isEqualTo("one");
        assertThat(s.line(1)).isEqualTo("two");
        assertThat(s.cursorRow()).isEqualTo(2);
        assertThat(s.cursorColumn()).isEqualTo(7);
    }

    @Test
    void eraseClearsCellsToTheDefaultBackground() {
        Screen s = after(10, 2, "\u001b[42mgreen all\u001b[0m\r\u001b[3C\u001b[K");
        assertThat(s.line(0)).isEqualTo("gre");
        assertThat(ScreenPainter.backgroundAt(s, 2, 0, P)).isEqualTo(0x4e9a06);
        assertThat(ScreenPainter.backgroundAt(s, 5, 0, P)).isEqualTo(P.background());
        Screen cleared = after(10, 2, "x\r\ny\u001b[2J\u001b[H");
        assertThat(cleared.text().isBlank()).isTrue();
        assertThat(cleared.cursorRow()).isZero();
        assertThat(cleared.cursorColumn()).isZero();
    }

    @Test
    void aUtf8CharacterSplitBetweenTwoReadsIsOneCell() {
        JLineEmulator e = new JLineEmulator(10, 2);
        byte[] b = "é→".getBytes(StandardCharsets.UTF_8);
        e.receive(b, 1);
        e.receive(java.util.Arrays.copyOfRange(b, 1, b.length), b.length - 1);
        assertThat(e.screen().line(0)).isEqualTo("é→");
        assertThat(e.screen().cursorColumn()).isEqualTo(2);
    }

    @Test
    void aCursorReportIsAnsweredAndAResizeChangesTheScreen() {
        JLineEmulator e = new JLineEmulator(30, 10);
        byte[] ask = "ab\u001b[6n".getBytes(StandardCharsets.US_ASCII);
        e.receive(ask, ask.length);
        assertThat(new String(e.replies(), StandardCharsets.US_ASCII)).isEqualTo("\u001b[1;3R");
        assertThat(e.replies()).isEmpty();
        e.resize(50, 12);
        assertThat(e.screen().columns()).isEqualTo(50);
        assertThat(e.screen().rows()).isEqualTo(12);
        assertThat(e.screen().line(0)).isEqualTo("ab");
    }
}
