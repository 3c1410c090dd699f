package org.nslab.engine.protocol;

import java.io.IOException;

/**
 * A terminal (PTY) for a command in a lab node whose master this process holds: keys go in with {@link #type},
 * the screen's bytes come out on the {@link DrivenStreams.Output} it was made with. The command's line discipline
 * does the rest (Ctrl-C typed is SIGINT for the foreground job, as on any terminal).
 */
public interface DrivenTerminal extends ExecStreams {

    /** Bytes for the command's terminal, as a keyboard sends them; kept until the command runs when it does not yet. */
    void type(byte[] keys) throws IOException;

    /** The window's new size (TIOCSWINSZ on the master: the command gets SIGWINCH). */
    void resize(int rows, int columns) throws IOException;

    /** Hangs the terminal up (the window closed): the command's session gets SIGHUP and the call returns once it ended. */
    void hangUp();
}
