package org.nslab.gui.terminal;

/**
 * One picture of a terminal's screen: per cell (row by row) its character, its foreground and background as RGB
 * ({@link #DEFAULT} for the theme's own colours) and its style bits, and the cursor's cell (below the last row
 * when the picture is scrolled back).
 */
public record Screen(int columns, int rows, int[] codePoints, int[] foreground, int[] background, int[] styles,
                     int cursorColumn, int cursorRow) {
    public static final int DEFAULT = -1;
    public static final int BOLD = 1;
    public static final int UNDERLINE = 2;
    public static final int INVERSE = 4;

    public Screen {
        int cells = columns * rows;
        if (codePoints.length != cells || foreground.length != cells || background.length != cells || styles.length != cells) {
            throw new IllegalArgumentException("a screen of " + columns + "x" + rows + " needs " + cells + " cells");
        }
    }

    /** An empty screen of that size, the cursor at the top left. */
    public static Screen blank(int columns, int rows) {
        int cells = columns * rows;
        int[] spaces = new int[cells];
        java.util.Arrays.fill(spaces, ' ');
        int[] defaults = new int[cells];
        java.util.Arrays.fill(defaults, DEFAULT);
        return new Screen(columns, rows, spaces, defaults, defaults.clone(), new int[cells], 0, 0);
    }

    /** Whether the cursor's cell is in the picture. */
    public boolean showsCursor() {
        return cursorRow >= 0 && cursorRow < rows && cursorColumn >= 0 && cursorColumn < columns;
    }

    int index(int column, int row) {
        return row * columns + column;
    }

    /** Row {@code row}'s text, trailing spaces removed. */
    public String line(int row) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < columns; c++) b.appendCodePoint(codePoints[index(c, row)] == 0 ? ' ' : codePoints[index(c, row)]);
        return b.toString().stripTrailing();
    }

    /** Every row's text, one a line. */
    public String text() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r < rows; r++) b.append(line(r)).append('\n');
        return b.toString();
    }
}
