package org.nslab.gui.terminal;

import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link Screen} is drawn, as plain values: each row cut into runs of cells that share their colours and
 * style (inverse already applied, the theme's colours for {@link Screen#DEFAULT}), and the cursor's cell. The
 * canvas only fills the runs' backgrounds and draws their text; tests read the runs.
 */
public final class ScreenPainter {

    /** The theme's colours, as RGB. */
    public record Palette(int foreground, int background, int cursor) {
        public static final Palette DARK = new Palette(0xd0d0d0, 0x1e1e1e, 0x00c000);
    }

    /** Cells {@code column} to {@code column + text's length} of {@code row}, drawn alike. */
    public record Run(int row, int column, String text, int foreground, int background, boolean bold, boolean underline) {
        public int length() {
            return text.codePointCount(0, text.length());
        }
    }

    private ScreenPainter() {}

    public static List<Run> runs(Screen s, Palette palette) {
        List<Run> runs = new ArrayList<>();
        for (int row = 0; row < s.rows(); row++) {
            StringBuilder text = new StringBuilder();
            int start = 0;
            int[] look = null;
            for (int col = 0; col < s.columns(); col++) {
                int[] here = look(s, s.index(col, row), palette);
                if (look != null && !java.util.Arrays.equals(look, here)) {
                    runs.add(run(row, start, text, look));
                    text.setLength(0);
                    start = col;
                }
                look = here;
                text.appendCodePoint(s.codePoints()[s.index(col, row)]);
            }
            if (look != null) runs.add(run(row, start, text, look));
        }
        return runs;
    }

    /** The colour of a cell's background as drawn (what an erase leaves is the default background). */
    public static int backgroundAt(Screen s, int column, int row, Palette palette) {
        return look(s, s.index(column, row), palette)[1];
    }

    public static int foregroundAt(Screen s, int column, int row, Palette palette) {
        return look(s, s.index(column, row), palette)[0];
    }

    private static Run run(int row, int column, StringBuilder text, int[] look) {
        return new Run(row, column, text.toString(), look[0], look[1], (look[2] & Screen.BOLD) != 0, (look[2] & Screen.UNDERLINE) != 0);
    }

    /** {foreground, background, style} as drawn. */
    private static int[] look(Screen s, int i, Palette palette) {
        int fg = s.foreground()[i] == Screen.DEFAULT ? palette.foreground() : s.foreground()[i];
        int bg = s.background()[i] == Screen.DEFAULT ? palette.background() : s.background()[i];
        if ((s.styles()[i] & Screen.INVERSE) != 0) {
            int t = fg;
            fg = bg;
            bg = t;
        }
        return new int[] {fg, bg, s.styles()[i] & (Screen.BOLD | Screen.UNDERLINE)};
    }
}
