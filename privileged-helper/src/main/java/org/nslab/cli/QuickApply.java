package org.nslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.Response;
import org.nslab.engine.protocol.TextApply;

/**
 * The everyday {@code nslab apply [--no-checks] FILE} through a running helper, before picocli and the object
 * mapper are loaded: the file's text goes to the helper as it is ({@link TextApply}), which validates it as it does
 * every request. The output is the full command's. Whatever this path does not cover goes to the full command
 * instead: other options, a design with checks to run afterwards, no helper to ask; and a design the helper finds
 * invalid is read here after all, to print each problem at its line and column (or, should the two readings
 * differ, to apply it the full way; the helper changed nothing).
 */
final class QuickApply {
    private QuickApply() {}

    /** The exit status, or null when the full command must run. */
    static Integer run(PrintWriter out, PrintWriter err, String... args) {
        return run(LabServices.socket(), out, err, args);
    }

    static Integer run(Path socket, PrintWriter out, PrintWriter err, String... args) {
        if (args.length < 2 || !args[0].equals("apply")) return null;
        Path file = null;
        boolean noChecks = false;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--no-checks") && !noChecks) noChecks = true;
            else if (args[i].startsWith("-") || file != null) return null;
            else file = Path.of(args[i]);
        }
        byte[] text;
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > org.nslab.engine.io.TopologyJson.MAX_FILE_BYTES) return null;
            text = Files.readAllBytes(file);
            // Checks run after the apply need the design read here; the full command does that.
            if (!noChecks && TextApply.hasEntries(text, "checks")) return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
        try {
            Response.Applied applied = TextApply.apply(socket, text, CliOutput.progress(out));
            if (applied == null) return null;
            out.println(CliOutput.applied(applied.lab(), applied.steps()));
            return ExitCodes.OK;
        } catch (HelperException e) {
            if (e.code() == ErrorCode.INVALID_DESIGN || e.code() == ErrorCode.BAD_REQUEST) {
                return CliOutput.load(err, file) == null ? ExitCodes.INVALID : null;
            }
            return CliOutput.fail(err, HelperLabService.failure(socket, e));
        }
    }
}
