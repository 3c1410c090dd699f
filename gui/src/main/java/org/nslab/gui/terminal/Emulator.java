package org.nslab.gui.terminal;

/**
 * A terminal emulator's model, all the widget needs of it: it takes what the program writes, keeps the screen, and
 * says what the terminal answers back (a cursor position report, for instance). Thread-safe: the program's output
 * arrives on a reader thread while the window reads the screen.
 */
public interface Emulator {

    /** The program's output, as bytes (UTF-8; a character split between two calls is kept for the next). */
    void receive(byte[] bytes, int length);

    /** What the terminal answers to what it received, to be written back to the program; empty when nothing. */
    byte[] replies();

    /** The screen's new size in character cells. */
    void resize(int columns, int rows);

    /** The screen as it is now. */
    Screen screen();
}
