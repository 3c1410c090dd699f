package org.nslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.nslab.engine.export.ShellExporter;
import org.nslab.engine.interop.ClabExporter;
import org.nslab.engine.model.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nslab export --format sh FILE [-o OUT]}: a standalone script that builds the lab and tears it down;
 * {@code --format clab}: a containerlab topology of the design, with what containerlab cannot say on standard error.
 */
@Command(name = "export",
        description = {"sh: writes a standalone bash script (ip, iptables-restore) that builds the same lab;",
                "run it with the argument teardown to remove the lab again.",
                "clab: writes a containerlab topology (linux nodes on a small image, exec lines for addresses and routes,",
                "bridges as kind: bridge); what it cannot carry is listed on standard error."},
        exitCodeList = {"0:the script or topology was written", "1:the design is invalid", "2:usage error, or OUT cannot be written"})
final class ExportCommand extends DesignCommand {
    enum Format { sh, clab }

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "the output format: ${COMPLETION-CANDIDATES}")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", description = "write to OUT (a script is made executable) instead of standard output")
    Path output;

    @Override
    int run(Topology t) {
        PrintWriter err = verb.err();
        if (format == Format.clab) return clab(t, err);
        if (t.spansMachines()) {
            // A script runs on one machine: it can only build that machine's part.
            err.println("nslab export: the design places nodes on " + String.join(", ", org.nslab.engine.plan.MachinePart.machines(t))
                    + "; a script builds one machine's part: nslab plan --machine NAME shows each, and nslab apply builds them all");
            return ExitCodes.USAGE;
        }
        String script = ShellExporter.export(t);
        if (output == null) {
            verb.print(script);
            return ExitCodes.OK;
        }
        try {
            Files.writeString(output, script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(output, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException | UnsupportedOperationException e) {
            err.println("nslab: cannot write " + output + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }

    private int clab(Topology t, PrintWriter err) {
        ClabExporter.Export e = ClabExporter.export(t);
        if (output == null) {
            verb.out().print(e.text());
            verb.out().flush();
        } else {
            try {
                Files.writeString(output, e.text(), StandardCharsets.UTF_8);
            } catch (IOException ex) {
                err.println("nslab: cannot write " + output + ": " + ex.getMessage());
                return ExitCodes.USAGE;
            }
        }
        for (String n : e.notes()) err.println("nslab export: " + n);
        err.flush();
        return ExitCodes.OK;
    }
}
