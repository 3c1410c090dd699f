package org.nslab.gui.terminal;

/**
 * Cells chosen with the mouse, as xterm chooses them: from the cell pressed to the cell released in reading order,
 * whole rows in between. Either end may come first; both are inclusive.
 */
public record Selection(int anchorColumn, int anchorRow, int endColumn, int endRow) {

    /** Whether the cell is chosen. */
    public boolean contains(int column, int row) {
        boolean fromStart = row > startRow() || row == startRow() && column >= startColumn();
        boolean toStop = row < stopRow() || row == stopRow() && column <= stopColumn();
        return fromStart && toStop;
    }

    /** The chosen text: each row's part without its trailing blanks, rows joined by a newline. */
    public String text(Screen screen) {
        int fromRow = Math.min(Math.max(startRow(), 0), screen.rows() - 1);
        int toRow = Math.min(Math.max(stopRow(), 0), screen.rows() - 1);
        StringBuilder b = new StringBuilder();
        for (int r = fromRow; r <= toRow; r++) {
            int from = r == startRow() ? Math.max(startColumn(), 0) : 0;
            int to = r == stopRow() ? Math.min(stopColumn(), screen.columns() - 1) : screen.columns() - 1;
            StringBuilder row = new StringBuilder();
            for (int c = from; c <= to; c++) row.appendCodePoint(screen.codePoints()[screen.index(c, r)]);
            if (r > fromRow) b.append('\n');
            b.append(row.toString().stripTrailing());
        }
        return b.toString();
    }

    private boolean anchorFirst() {
        return anchorRow < endRow || anchorRow == endRow && anchorColumn <= endColumn;
    }

    private int startRow() {
        return anchorFirst() ? anchorRow : endRow;
    }

    private int startColumn() {
        return anchorFirst() ? anchorColumn : endColumn;
    }

    private int stopRow() {
        return anchorFirst() ? endRow : anchorRow;
    }

    private int stopColumn() {
        return anchorFirst() ? endColumn : anchorColumn;
    }
}
