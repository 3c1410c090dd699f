package org.nslab.engine.protocol;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Streams for a command in a lab node that this process drives itself, rather than handing it its own: a terminal
 * window's PTY ({@link DrivenTerminal}) or the output of one command shown in a window ({@link DrivenCommand}).
 * Handing descriptors over needs native calls, so the module that may make them (the helper module) provides this
 * through {@link ServiceLoader}; the designer only links against these interfaces. Either kind is passed to
 * {@link org.nslab.engine.lab.LabService#shell} or {@code exec} like any other {@link ExecStreams}.
 */
public interface DrivenStreams {

    /** Where a command's bytes go, on a thread of the streams' own, in order; never called after the call returned. */
    @FunctionalInterface
    interface Output {
        void write(byte[] bytes, int length);
    }

    /** A new terminal of {@code rows} by {@code columns} with {@code term} as TERM; what the command shows goes to {@code screen}. */
    DrivenTerminal terminal(int rows, int columns, String term, Output screen);

    /** No terminal: stdin is empty, stdout and stderr go to their outputs. */
    DrivenCommand command(Output stdout, Output stderr);

    /** The implementation on the class path, if a module provides one. */
    static Optional<DrivenStreams> provided() {
        return ServiceLoader.load(DrivenStreams.class).findFirst();
    }
}
