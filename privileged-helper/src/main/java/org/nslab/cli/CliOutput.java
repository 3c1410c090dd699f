package org.nslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.protocol.ProgressListener;

/**
 * How the verbs print a design's problems, a failure and progress, apart from picocli, so that the quick apply
 * ({@link QuickApply}) prints exactly what the full command prints without loading it.
 */
final class CliOutput {
    private CliOutput() {}

    /** The line a successful apply ends with. */
    static String applied(String lab, int changes) {
        return "lab " + lab + ": " + changes + (changes == 1 ? " change" : " changes");
    }

    /** The valid design, or null after printing each problem as {@code file:line:col pointer: message}. */
    static Topology load(PrintWriter err, Path file) {
        LoadResult r = TopologyJson.load(file);
        if (r.ok()) return r.topology();
        for (Problem p : r.problems()) err.println(p.format());
        if (r.problems().isEmpty()) err.println(file + ": not a design");
        return null;
    }

    /** Prints the failure (message, details, the design's problems) and returns its exit status. */
    static int fail(PrintWriter err, LabException e) {
        err.println("nslab: " + e.getMessage());
        for (String d : e.details()) err.println("  " + d);
        for (Problem p : e.problems()) err.println(p.format());
        return e.exitStatus();
    }

    /** A one-line bar redrawn in place on a terminal; otherwise one plain line per step. */
    static ProgressListener progress(PrintWriter out) {
        if (!onTerminal()) {
            return (i, n, d) -> {
                out.println("[" + i + "/" + n + "] " + d);
                out.flush();
            };
        }
        return (i, n, d) -> {
            int width = 24;
            int filled = n == 0 ? width : (int) ((long) i * width / n);
            String text = String.format(Locale.ROOT, "\r[%s%s] %d/%d %s", "#".repeat(filled), ".".repeat(width - filled), i, n, d);
            if (text.length() > 100) text = text.substring(0, 99) + "…";
            out.print(text + "\033[K");
            if (i == n) out.print("\r\033[K");
            out.flush();
        };
    }

    /** True when stdout is a terminal (so a bar that redraws itself makes sense). */
    static boolean onTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
