package org.nslab.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code nslab} command line: {@code nslab VERB [OPTIONS] ARGS}. Verbs are registered in {@link Verbs};
 * this class only wires the streams and returns the exit status (see {@link ExitCodes}).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int status = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** Runs one command line with the given streams; tests call this instead of {@link #main}. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return Verbs.forArguments(out, err, args).execute(args);
    }
}
