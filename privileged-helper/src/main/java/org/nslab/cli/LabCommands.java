package org.nslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.LabName;
import org.nslab.engine.problem.Problem;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.ApplyException;
import org.nslab.helper.apply.Progress;

/** What apply, teardown and status share: who is running, what the argument names, how progress is shown. */
final class LabCommands {
    static final int OK = ExitCodes.OK;
    static final int INVALID = ExitCodes.INVALID;
    static final int USAGE = ExitCodes.USAGE;
    static final int REFUSED = ExitCodes.FAILED;
    static final int NO_PERMISSION = ExitCodes.NO_PERMISSION;

    private LabCommands() {}

    /** The real uid of this process, from /proc (no native call needed). */
    static int uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) return Integer.parseInt(line.split("\\s+")[1]);
            }
        } catch (IOException | RuntimeException e) {
            // fall through: treat as unprivileged
        }
        return -1;
    }

    /** A lab name given as is, or the name inside a design file; null (after printing why) when neither. */
    static String labOf(String arg, PrintWriter err) {
        Path file = Path.of(arg);
        if (Files.isRegularFile(file)) {
            LoadResult r = TopologyJson.load(file);
            if (r.topology() != null && LabName.isValid(r.topology().name())) {
                return r.topology().name();
            }
            r.problems().forEach(p -> err.println(p.format()));
            return null;
        }
        if (LabName.isValid(arg)) return arg;
        err.println("no such file, and not a lab name: " + arg);
        return null;
    }

    static void printProblems(LoadResult r, PrintWriter err) {
        for (Problem p : r.problems()) err.println(p.format());
    }

    /** The in-process applier; when another process is working on the lab, the user is told what it waits for. */
    static Applier applier(PrintWriter err) {
        Applier applier = Applier.onThisMachine();
        return applier.waitingForOtherProcesses(Applier.defaultLockWait(), notice -> {
            err.println(notice);
            err.flush();
        });
    }

    static int report(ApplyException e, PrintWriter err) {
        err.println(e.getMessage());
        for (String d : e.details()) err.println("  " + d);
        return e.reason().exitCode;
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

    /** A one-line bar redrawn in place on a terminal; otherwise one plain line per step. */
    static Progress progress(PrintWriter out, boolean terminal) {
        if (!terminal) {
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
}
