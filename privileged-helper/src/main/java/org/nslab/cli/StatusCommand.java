package org.nslab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.json.Json;
import org.nslab.engine.model.Topology;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.StatusReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", description = "Without an argument, list the applied labs. With one, compare the lab's design "
        + "(the file's, or else the applied one) with the kernel: missing, extra and different objects.",
        mixinStandardHelpOptions = true,
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the kernel matches the design (or the list was printed)", "1:the design file is invalid",
                "2:not a lab name or design file", "3:the kernel differs from the design, or the lab is not applied",
                "4:not root and no helper"})
public final class StatusCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAB-or-FILE", arity = "0..1", description = "a lab name, or a design file")
    String target;

    @Option(names = "--json", description = "print one JSON document")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (target == null) {
            OptionalInt remote = RemoteVerbs.status(null, json, out, err);
            return remote.isPresent() ? remote.getAsInt() : list(out);
        }
        Topology design = null;
        String lab;
        if (Files.isRegularFile(Path.of(target))) {
            LoadResult loaded = TopologyJson.load(Path.of(target));
            if (!loaded.ok()) {
                LabCommands.printProblems(loaded, err);
                return LabCommands.INVALID;
            }
            design = loaded.topology();
            lab = design.name();
        } else {
            lab = LabCommands.labOf(target, err);
            if (lab == null) return LabCommands.USAGE;
        }
        if (design == null) {
            // The helper compares a lab with its recorded design; a design file is compared in-process (root).
            OptionalInt remote = RemoteVerbs.status(lab, json, out, err);
            if (remote.isPresent()) return remote.getAsInt();
        } else if (!HelperRoute.isRoot()) {
            err.println("nslab status FILE compares a design file with the kernel and needs root; "
                    + "without root, use nslab status " + lab + " (compares the applied design, through the helper)");
            return LabCommands.NO_PERMISSION;
        }
        StatusReport report = Applier.onThisMachine().status(lab, design);
        out.print(json ? report.toJson() : report.toText());
        out.flush();
        return report.matches() ? LabCommands.OK : LabCommands.REFUSED;
    }

    private int list(PrintWriter out) throws Exception {
        List<Applier.LabSummary> labs = Applier.onThisMachine().labs();
        if (json) {
            ObjectMapper m = Json.report();
            ArrayNode arr = m.createArrayNode();
            for (Applier.LabSummary s : labs) {
                arr.addObject().put("lab", s.lab()).put("ownerUid", s.ownerUid()).put("namespaces", s.namespaces());
            }
            out.println(m.writeValueAsString(m.createObjectNode().set("labs", arr)));
        } else if (labs.isEmpty()) {
            out.println("no labs applied");
        } else {
            out.printf("%-16s %8s %10s%n", "LAB", "OWNER", "NAMESPACES");
            for (Applier.LabSummary s : labs) out.printf("%-16s %8d %10d%n", s.lab(), s.ownerUid(), s.namespaces());
        }
        out.flush();
        return LabCommands.OK;
    }
}
