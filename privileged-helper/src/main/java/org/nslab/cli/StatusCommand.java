package org.nslab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.model.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", description = "Without an argument, list the applied labs. With one, compare the lab's design "
        + "(the file's, or else the applied one) with the kernel: missing, extra and different objects.",
        exitCodeList = {"0:the kernel matches the design (or the list was printed)", "1:the design file is invalid",
                "2:not a lab name or design file", "3:the kernel differs from the design, or the lab is not applied",
                "4:not root and no helper"})
public final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAB-or-FILE", arity = "0..1", description = "a lab name, or a design file")
    String target;

    @Mixin
    JsonOption json;

    @Mixin
    LabVerb verb;

    @Override
    public Integer call() throws IOException {
        if (target == null) return ListCommand.list(verb, json);
        if (Files.isRegularFile(Path.of(target))) return verb.withDesign(Path.of(target), this::compareFile);
        String lab = verb.labOf(target);
        if (lab == null) return ExitCodes.USAGE;
        return verb.attempt(() -> print(verb.lab().status(lab)));
    }

    /** The helper compares a lab with its recorded design; a design file is compared in-process (root). */
    private int compareFile(Topology design) throws LabException {
        Optional<LabService> local = verb.inProcess();
        if (design.spansMachines()) {
            // Each machine's helper compares its part with what it recorded.
            local = Optional.of(verb.lab(design));
        } else if (local.isEmpty()) {
            verb.err().println("nslab status FILE compares a design file with the kernel and needs root; "
                    + "without root, use nslab status " + design.name() + " (compares the applied design, through the helper)");
            return ExitCodes.NO_PERMISSION;
        }
        return print(local.get().status(design));
    }

    private int print(StatusReport report) {
        verb.print(json.on ? report.toJson() : report.toText());
        return report.matches() ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
