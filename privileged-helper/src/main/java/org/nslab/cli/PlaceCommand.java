package org.nslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.NodePlace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Placement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code nslab place FILE}: writes the machines nslab chose for the design's {@code "machine": "*"} nodes into the
 * file, so later changes to the design never move them.
 */
@Command(name = "place",
        description = {"Pins every node whose \"machine\" is \"*\" to the machine nslab chose for it,",
                "saving the design (a file nslab saved changes only in those lines)."},
        exitCodeList = {"0:the design was pinned, or had nothing to pin", "1:the design is invalid (the file is unchanged)",
                "2:usage error"})
final class PlaceCommand extends DesignCommand {
    @Option(names = "--dry-run", description = "print the placement without saving")
    boolean dryRun;

    @Override
    int run(Topology design) throws IOException {
        PrintWriter out = verb.out();
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
