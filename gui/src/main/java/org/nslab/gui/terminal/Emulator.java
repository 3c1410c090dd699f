package org.nslab.gui.terminal;

/**
 * A terminal emulator's model, all the widget needs of it: it takes what the program writes, keeps the screen and
 * the lines scrolled off its top, and says what the terminal answers back (a cursor position report, for
 * instance). Thread-safe: the program's output arrives on a reader thread while the window reads the screen.
 */
public interface Emulator {

    /** The program's output, as bytes (UTF-8; a character split between two calls is kept for the next). */
    void receive(byte[] bytes, int length);

    /** What the terminal answers to what it received, to be written back to the program; empty when nothing. */
    byte[] replies();

    /** The screen's new size in character cells. */
    void resize(int columns, int rows);

    /** The screen as it is now. */
    default Screen screen() {
        return screen(0);
    }

    /**
     * The screen as seen {@code linesBack} lines up into the saved lines: their last {@code linesBack} on top, the
     * screen's first rows below (0: the screen as it is; more than {@link #savedLines()}: as far back as it goes).
     */
    Screen screen(int linesBack);

    /** How many lines that scrolled off the screen's top are kept to scroll back to. */
    int savedLines();

    /** How many lines have scrolled off the top since the start, kept or not: a view scrolled back follows its text. */
    long linesScrolledOff();
}
