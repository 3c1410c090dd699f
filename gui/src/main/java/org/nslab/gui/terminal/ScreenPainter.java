package org.nslab.gui.terminal;

import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link Screen} is drawn, as plain values: each row cut into runs of cells that share their colours and
 * style (inverse already applied, the theme's colours for {@link Screen#DEFAULT}), and the cursor's cell. The
 * canvas only fills the runs' backgrounds and draws their text; tests read the runs.
 */
public final class ScreenPainter {

    /**
     * The theme's colours, as RGB, and what it shows for the 16 ANSI colours (the emulator gives them as xterm's
     * dim 0x800000... and bright 0xff0000... values, of which dark blue is unreadable on a dark background).
     */
    public record Palette(int foreground, int background, int cursor, java.util.Map<Integer, Integer> ansi) {
        private static final java.util.Map<Integer, Integer> TANGO = ansi(
                0x000000, 0x555753, 0xcc3333, 0xef2929, 0x4e9a06, 0x8ae234, 0xc4a000, 0xfce94f,
                0x3465a4, 0x729fcf, 0xad7fa8, 0xd7a0d0, 0x06989a, 0x34e2e2, 0xd3d7cf, 0xeeeeec);
        /** For the designer's dark theme. */
        public static final Palette DARK = new Palette(0xd0d0d0, 0x1e1e1e, 0x00c000, TANGO);
        /** For its light theme: dark text on white, the same ANSI shades (as GNOME's Tango light). */
        public static final Palette LIGHT = new Palette(0x2e3436, 0xffffff, 0x2e7d32, TANGO);

        /** The palette for the designer's theme. */
        public static Palette forTheme(boolean dark) {
            return dark ? DARK : LIGHT;
        }

        public Palette {
            ansi = java.util.Map.copyOf(ansi);
        }

        /** The colour drawn for {@code rgb}: the theme's own for an ANSI colour, else as given. */
        public int shown(int rgb) {
            return ansi.getOrDefault(rgb, rgb);
        }

        /** Black, red, green, yellow, blue, magenta, cyan, white: each dim then bright. */
        private static java.util.Map<Integer, Integer> ansi(int... shown) {
            java.util.Map<Integer, Integer> m = new java.util.HashMap<>();
            for (int i = 0; i < 8; i++) {
                int r = (i & 1) != 0 ? 1 : 0;
                int g = (i & 2) != 0 ? 1 : 0;
                int b = (i & 4) != 0 ? 1 : 0;
                m.put(i == 7 ? 0xcccccc : (r * 0x88 << 16) | (g * 0x88 << 8) | b * 0x88, shown[2 * i]);
                m.put(i == 0 ? 0x888888 : (r * 0xff << 16) | (g * 0xff << 8) | b * 0xff, shown[2 * i + 1]);
            }
            return m;
        }
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
        int fg = s.foreground()[i] == Screen.DEFAULT ? palette.foreground() : palette.shown(s.foreground()[i]);
        int bg = s.background()[i] == Screen.DEFAULT ? palette.background() : palette.shown(s.background()[i]);
        if ((s.styles()[i] & Screen.INVERSE) != 0) {
            int t = fg;
            fg = bg;
            bg = t;
        }
        return new int[] {fg, bg, s.styles()[i] & (Screen.BOLD | Screen.UNDERLINE)};
    }
}
