package org.nslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.NodePlace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Placement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nslab place FILE}: writes the machines nslab chose for the design's {@code "machine": "*"} nodes into the
 * file, so later changes to the design never move them.
 */
@Command(name = "place", mixinStandardHelpOptions = true,
        description = {"Pins every node whose \"machine\" is \"*\" to the machine nslab chose for it,",
                "saving the design (a file nslab saved changes only in those lines)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the design was pinned, or had nothing to pin", "1:the design is invalid (the file is unchanged)",
                "2:usage error"})
final class PlaceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "the design (.nslab.json)")
    Path file;

    @Option(names = "--dry-run", description = "print the placement without saving")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Topology design = CliOutput.load(spec.commandLine().getErr(), file);
        if (design == null) return ExitCodes.INVALID;
        Placement p = Placement.of(design);
        if (!p.hasAutomatic()) {
            out.println(file + ": nothing to place (no namespace or bridge says \"machine\": \"*\")");
            return ExitCodes.OK;
        }
        for (NodePlace n : p.namespaces()) if (n.automatic()) out.println("namespace " + n.id() + " -> " + n.machine());
        for (NodePlace n : p.bridges()) if (n.automatic()) out.println("bridge " + n.id() + " -> " + n.machine());
        if (dryRun) return ExitCodes.OK;
        TopologyJson.save(p.pinned(), file);
        out.println(file + ": saved");
        return ExitCodes.OK;
    }
}
