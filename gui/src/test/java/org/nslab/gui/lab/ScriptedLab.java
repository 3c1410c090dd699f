package org.nslab.gui.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nslab.engine.model.Topology;
import org.nslab.helper.check.LabAddress;
import org.nslab.helper.check.LabAddresses;
import org.nslab.helper.check.ReachabilityMatrix;
import org.nslab.helper.doctor.Finding;

/**
 * A lab control that answers from a script instead of a kernel, and records what it was asked: for view model
 * tests, where the point is what the view model does with the answers.
 */
public class ScriptedLab implements LabControl {
    public final List<String> calls = new ArrayList<>();
    public List<Finding> findings = List.of();
    /** When set, the host cannot be examined (as with a helper older than the doctor request). */
    LabException doctorFails;
    /** Per source, in source order: which targets answer ('o'), do not ('.') or could not be probed ('?'). */
    public Map<String, String> pattern = Map.of();

    @Override
    public String describe() {
        return "scripted";
    }

    @Override
    public void apply(Topology t, Consumer<String> step) {
        calls.add("apply " + t.name());
        step.accept("Step 1/1: create namespace");
    }

    @Override
    public void teardown(Topology t, Consumer<String> step) {
        calls.add("teardown " + t.name());
    }

    @Override
    public Map<String, NodeState> status(Topology t) {
        return KernelObjects.states(t, List.of(), List.of());
    }

    @Override
    public ReachabilityMatrix matrix(Topology t, long timeoutMillis, Consumer<String> step) {
        calls.add("matrix " + t.name() + " within " + timeoutMillis + " ms");
        List<LabAddress> targets = LabAddresses.of(t);
        List<String> sources = List.copyOf(pattern.keySet().stream().sorted().toList());
        List<ReachabilityMatrix.Row> rows = new ArrayList<>();
        for (String s : sources) {
            List<ReachabilityMatrix.Cell> cells = new ArrayList<>();
            for (int k = 0; k < targets.size(); k++) {
                char c = pattern.get(s).charAt(k);
                cells.add(new ReachabilityMatrix.Cell(targets.get(k), c == '?' ? null : c == 'o', "raw-socket", "scripted"));
            }
            rows.add(new ReachabilityMatrix.Row(s, cells));
            step.accept(rows.size() + "/" + sources.size() + ": pinged every lab address from " + s);
        }
        return new ReachabilityMatrix(sources, targets, rows);
    }

    @Override
    public List<Finding> preflight(Topology t) throws LabException {
        calls.add("doctor " + t.name());
        if (doctorFails != null) throw doctorFails;
        return findings;
    }
}
