package org.nslab.engine.protocol;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The standard streams (or the terminal) of a command the helper runs in a lab node, on the client's side. The
 * helper opens a Unix socket for the one command; the client connects to it and hands over its own descriptors
 * with SCM_RIGHTS, or takes the master of a new terminal from it, and then talks to the command directly: no
 * byte goes through the helper. Java's channels cannot carry descriptors, so the implementation lives where
 * native calls are allowed (the helper module); the engine only sequences the exchange.
 */
public interface ExecStreams {

    /** A new terminal as the command starts with it: rows and columns (0: unknown), TERM for its environment (or null). */
    record Terminal(int rows, int columns, String term) {}

    /** The new terminal (a PTY) the command gets, which this side drives; null: the command gets this side's own descriptors. */
    Terminal newTerminal();

    /** True: the command gets a new terminal; false: this side's own descriptors. */
    default boolean terminal() {
        return newTerminal() != null;
    }

    /** The terminal's rows to start with (0: unknown, or no terminal). */
    default int rows() {
        Terminal t = newTerminal();
        return t == null ? 0 : t.rows();
    }

    /** The terminal's columns to start with (0: unknown, or no terminal). */
    default int columns() {
        Terminal t = newTerminal();
        return t == null ? 0 : t.columns();
    }

    /** TERM for the command's environment, or null. */
    default String term() {
        Terminal t = newTerminal();
        return t == null ? null : t.term();
    }

    /** Connects to the helper's socket for this command and hands the descriptors over. */
    Attached attach(Path socket) throws IOException;

    /** One command's streams, handed over. */
    interface Attached extends AutoCloseable {

        /** The command runs (as {@code pid} on the helper's side): from now on signals and window sizes are forwarded. */
        void started(long pid) throws IOException;

        /** The command ended or never started: the terminal's last output is read, this side's terminal put back. */
        @Override
        void close();
    }
}
