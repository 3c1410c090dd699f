package org.nslab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;
import org.nslab.helper.apply.LabState;
import org.nslab.helper.apply.LabStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nslab plan FILE}: the numbered kernel steps apply would run. When the lab is already applied and its
 * recorded design is readable, the steps are the changes an incremental apply would make instead.
 */
@Command(name = "plan",
        description = {"Prints the ordered kernel operations apply would run,",
                "or, for a lab already applied, the changes it would make. Changes nothing."},
        exitCodeList = {"0:the plan was printed", "1:the design is invalid", "2:usage error"})
final class PlanCommand extends DesignCommand {
    @Mixin
    JsonOption json;

    @Option(names = "--fresh", description = "plan a first apply even when the lab is applied already")
    boolean fresh;

    @Option(names = "--machine", paramLabel = "NAME", description = "for a lab across machines: the part of that machine only")
    String machine;

    /** With --json, an invalid design is one JSON document on stdout, as validate --json writes it. */
    @Override
    Topology load() throws IOException {
        if (!json.on) return super.load();
        LoadResult r = TopologyJson.load(file);
        if (r.ok()) return r.topology();
        verb.out().println(ValidateCommand.JSON.writeValueAsString(Map.of("file", file.toString(), "valid", false,
                "problems", ValidateCommand.problems(r.problems()))));
        return null;
    }

    @Override
    int run(Topology desired) throws IOException {
        PrintWriter out = verb.out();
        PrintWriter err = verb.err();
        if (machine != null) {
            if (!org.nslab.engine.model.Placement.of(desired).machines().contains(machine)) {
                err.println("--machine " + machine + ": the design has no such machine (" + String.join(", ",
                        org.nslab.engine.model.Placement.of(desired).machines()) + ")");
                return ExitCodes.USAGE;
            }
            if (!json.on) printPlacement(out, desired, machine);
            desired = org.nslab.engine.plan.MachinePart.of(desired, machine);
        } else if (desired.spansMachines() && !json.on) {
            // Each machine's helper runs its own part: the plan is one list per machine.
            for (String m : org.nslab.engine.plan.MachinePart.machines(desired)) {
                List<Operation> part = Planner.apply(org.nslab.engine.plan.MachinePart.of(desired, m));
                out.println("machine " + m + ":");
                printPlacement(out, desired, m);
                int w = String.valueOf(part.size()).length();
                for (int i = 0; i < part.size(); i++) out.printf("  %" + w + "d. %s%n", i + 1, part.get(i).describe());
            }
            return ExitCodes.OK;
        } else if (desired.spansMachines()) {
            err.println("--json plans one machine at a time for a lab across machines: add --machine NAME");
            return ExitCodes.USAGE;
        }
        final Topology planned = desired;
        Optional<Topology> applied = fresh ? Optional.empty() : appliedDesign(desired.name());
        List<Operation> ops = applied.map(a -> Planner.diff(a, planned)).orElseGet(() -> Planner.apply(planned));
        if (json.on) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("lab", desired.name());
            doc.put("mode", applied.isPresent() ? "changes" : "apply");
            List<Map<String, Object>> steps = new ArrayList<>();
            for (int i = 0; i < ops.size(); i++) {
                Map<String, Object> step = new LinkedHashMap<>();
                step.put("step", i + 1);
                step.put("kind", ops.get(i).getClass().getSimpleName());
                step.put("description", ops.get(i).describe());
                step.put("operation", ops.get(i));
                steps.add(step);
            }
            doc.put("operations", steps);
            out.println(ValidateCommand.JSON.writeValueAsString(doc));
            return ExitCodes.OK;
        }
        if (applied.isPresent()) {
            out.println("lab " + desired.name() + " is applied; " + (ops.isEmpty() ? "it already matches the design"
                    : "changes to make it match the design:"));
        }
        int width = String.valueOf(ops.size()).length();
        for (int i = 0; i < ops.size(); i++) {
            out.printf("%" + width + "d. %s%n", i + 1, ops.get(i).describe());
        }
        return ExitCodes.OK;
    }

    /**
     * The namespaces and bridges at home on {@code machine}, a {@code *} after those nslab placed (the design says
     * {@code "machine": "*"}), so a reader sees the split before the steps.
     */
    private static void printPlacement(PrintWriter out, Topology design, String machine) {
        org.nslab.engine.model.Placement p = org.nslab.engine.model.Placement.of(design);
        List<String> namespaces = new ArrayList<>();
        for (var n : p.namespaces()) if (n.machine().equals(machine)) namespaces.add(n.id() + (n.automatic() ? "*" : ""));
        List<String> bridges = new ArrayList<>();
        for (var n : p.bridges()) if (p.bridgeMachines(n.id()).contains(machine)) {
            bridges.add(n.id() + (n.automatic() ? "*" : "") + (n.machine().equals(machine) ? "" : " (half, home " + n.machine() + ")"));
        }
        out.println("  namespaces: " + (namespaces.isEmpty() ? "none" : String.join(", ", namespaces)));
        out.println("  bridges: " + (bridges.isEmpty() ? "none" : String.join(", ", bridges)));
        if (p.hasAutomatic()) out.println("  (* placed by nslab; nslab place FILE writes it into the design)");
    }

    /** The design the lab was applied with, when this user can read its record; planning never needs root. */
    private static Optional<Topology> appliedDesign(String lab) {
        try {
            return new LabStore().read(lab).map(LabState::design);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
