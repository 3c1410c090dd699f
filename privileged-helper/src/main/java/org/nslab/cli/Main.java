package org.nslab.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The {@code nslab} command line: {@code nslab VERB [OPTIONS] ARGS}. Verbs are registered in {@link Verbs};
 * this class only wires the streams and returns the exit status (see {@link ExitCodes}).
 */
public final class Main {
    /** What {@code nslab --version} prints. */
    static final String VERSION = "nslab 0.1.0";

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
        // Answered before picocli: building its model alone costs several times the JVM's own start.
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            out.println(VERSION);
            return ExitCodes.OK;
        }
        Integer quick = QuickApply.run(out, err, args);
        if (quick != null) return quick;
        return Verbs.forArguments(out, err, args).execute(args);
    }
}
