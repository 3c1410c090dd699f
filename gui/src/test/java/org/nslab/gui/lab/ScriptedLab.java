package org.nslab.gui.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabSummary;
import org.nslab.engine.lab.ReachabilityMatrix;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.lab.TeardownResult;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProgressListener;

/**
 * A lab service that answers from a script instead of a kernel, and records what it was asked: for view model
 * tests, where the point is what the view model does with the answers.
 */
public class ScriptedLab implements LabService {
    public final List<String> calls = new ArrayList<>();
    public List<Finding> findings = List.of();
    /** When set, the host cannot be examined (as with a helper older than the doctor request). */
    LabException doctorFails;
    /** Per source, in source order: which targets answer ('o'), do not ('.') or could not be probed ('?'). */
    public Map<String, String> pattern = Map.of();
    /** The steps an apply reports. */
    List<String> applySteps = List.of("create namespace");
    /** The differences status reports for an applied lab. */
    public List<Drift> drifts = List.of();
    /** The run processes status reports. */
    public List<org.nslab.engine.lab.LabProcess> processes = List.of();

    @Override
    public String describe() {
        return "scripted";
    }

    @Override
    public ApplyResult apply(Topology t, ProgressListener progress) throws LabException {
        calls.add("apply " + t.name());
        for (int i = 0; i < applySteps.size(); i++) progress.step(i + 1, applySteps.size(), applySteps.get(i));
        return new ApplyResult(t.name(), applySteps);
    }

    @Override
    public TeardownResult teardown(String lab, ProgressListener progress) {
        calls.add("teardown " + lab);
        return new TeardownResult(lab, true, 1, List.of(), List.of());
    }

    @Override
    public StatusReport status(String lab) {
        return new StatusReport(lab, 0, true, drifts, processes);
    }

    @Override
    public StatusReport status(Topology design) {
        return status(design.name());
    }

    @Override
    public List<LabSummary> list() {
        return List.of();
    }

    /** Which checks the scripted kernel lets through. */
    public java.util.function.Predicate<org.nslab.engine.model.Check> reaches = c -> true;

    @Override
    public List<CheckResult> check(Topology design, long timeoutMillis) {
        calls.add("check " + design.name() + " within " + timeoutMillis + " ms");
        return design.checks().stream().map(c -> CheckResult.of(c, reaches.test(c), "scripted", null)).toList();
    }

    @Override
    public ReachabilityMatrix matrix(Topology t, long timeoutMillis, ProgressListener progress) {
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
            progress.step(rows.size(), sources.size(), "pinged every lab address from " + s);
        }
        return new ReachabilityMatrix(sources, targets, rows);
    }

    @Override
    public List<Finding> doctor(Topology t) throws LabException {
        calls.add("doctor " + t.name());
        if (doctorFails != null) throw doctorFails;
        return findings;
    }

    @Override
    public int exec(String lab, String node, List<String> command, org.nslab.engine.protocol.ExecStreams streams) throws LabException {
        throw new LabException(org.nslab.engine.protocol.ErrorCode.FORBIDDEN, "the designer does not run commands in nodes");
    }

    /** What Import from This Machine reads; null: refused, as through the helper. */
    public volatile org.nslab.engine.interop.ImportResult kernelImport;

    @Override
    public org.nslab.engine.interop.ImportResult importKernel() throws LabException {
        if (kernelImport != null) return kernelImport;
        throw new LabException(org.nslab.engine.protocol.ErrorCode.FORBIDDEN, "only root can read this machine's namespaces");
    }

    @Override
    public int shell(String lab, String node, org.nslab.engine.protocol.ExecStreams streams) throws LabException {
        throw new LabException(org.nslab.engine.protocol.ErrorCode.FORBIDDEN, "the designer does not open shells in nodes");
    }

    @Override
    public org.nslab.engine.lab.CaptureResult capture(String lab, String node, String iface, int count, List<List<Long>> filter,
                                                      org.nslab.engine.lab.CaptureSink sink) throws LabException {
        throw new LabException(org.nslab.engine.protocol.ErrorCode.FORBIDDEN, "this scripted lab has no frames to capture");
    }

    /** What the scripted kernel answers a live trace: by default, exactly what the walk of the design predicts. */
    public java.util.function.Function<org.nslab.engine.walk.TraceRequest, org.nslab.engine.lab.LiveTrace> traces;

    /** The requests traced, in order. */
    public final List<org.nslab.engine.walk.TraceRequest> traced = new java.util.ArrayList<>();

    @Override
    public org.nslab.engine.lab.LiveTrace trace(String lab, org.nslab.engine.walk.TraceRequest request, long timeoutMillis, Integer echoId)
            throws LabException {
        traced.add(request);
        if (traces == null) throw new LabException(org.nslab.engine.protocol.ErrorCode.NOT_FOUND, "lab " + lab + " is not applied; apply it first");
        return traces.apply(request);
    }

    @Override
    public org.nslab.engine.lab.LiveTrace watchTrace(String lab, org.nslab.engine.walk.Protocol proto, long limitMillis, Integer probe,
                                                     org.nslab.engine.protocol.TraceWatch watch) throws LabException {
        throw new LabException(org.nslab.engine.protocol.ErrorCode.NOT_FOUND, "the scripted kernel traces only what it sends");
    }
}
