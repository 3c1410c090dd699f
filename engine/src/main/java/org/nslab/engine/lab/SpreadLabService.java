package org.nslab.engine.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Machine;
import org.nslab.engine.model.Placement;
import org.nslab.engine.model.Topology;
import org.nslab.engine.plan.MachinePart;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.ExecStreams;
import org.nslab.engine.protocol.ProgressListener;

/**
 * The lab port for a design across machines: each machine's part ({@link MachinePart}) goes to that machine's helper
 * through the same port (the local service for {@code local}, a {@link HelperLabService} for the others), so the
 * callers never branch on where a lab is. Apply is every machine's part or none: the parts are applied in turn,
 * and when one machine refuses or is lost, every part already applied is torn down again, and the failing machine's
 * too (a helper that died removes its unfinished part itself when it starts again: its crash recovery).
 */
public final class SpreadLabService implements LabService {
    /** How a machine's helper is reached. */
    @FunctionalInterface
    public interface Reach {
        LabService to(String machine, Machine entry) throws LabException;
    }

    private final Topology design;
    private final LabService local;
    private final Reach reach;
    private final Map<String, LabService> services = new LinkedHashMap<>();

    public SpreadLabService(Topology design, LabService local, Reach reach) {
        this.design = design;
        this.local = local;
        this.reach = reach;
    }

    @Override
    public String describe() {
        return "lab " + design.name() + " over " + String.join(", ", MachinePart.machines(design));
    }

    private LabService service(String machine) throws LabException {
        if (Topology.LOCAL.equals(machine)) return local;
        LabService s = services.get(machine);
        if (s == null) {
            Machine entry = design.machines().get(machine);
            if (entry == null || entry.helper() == null) {
                throw new LabException(ErrorCode.BAD_REQUEST, "machine " + machine + " has no \"helper\": nslab cannot reach it");
            }
            s = reach.to(machine, entry);
            services.put(machine, s);
        }
        return s;
    }

    private void sameLab(Topology d) throws LabException {
        if (!d.name().equals(design.name())) {
            throw new LabException(ErrorCode.BAD_REQUEST, "this service spreads lab " + design.name() + ", not " + d.name());
        }
    }

    /** A part's progress, its steps named by machine. */
    private static ProgressListener on(String machine, ProgressListener progress) {
        return (step, total, description) -> progress.step(step, total, machine + ": " + description);
    }

    @Override
    public ApplyResult apply(Topology d, ProgressListener progress) throws LabException {
        sameLab(d);
        List<String> applied = new ArrayList<>();
        List<String> steps = new ArrayList<>();
        long linksUp = 0;
        for (String m : MachinePart.machines(d)) {
            try {
                ApplyResult r = service(m).apply(MachinePart.of(d, m), on(m, progress));
                r.steps().forEach(s -> steps.add(m + ": " + s));
                linksUp = Math.max(linksUp, r.linksUpMillis());
                applied.add(m);
            } catch (LabException e) {
                applied.add(m);
                List<String> notes = rollBack(d.name(), applied);
                throw new LabException(e.code(), "machine " + m + ": " + e.getMessage() + "; " + String.join("; ", notes),
                        e.details(), e.problems(), e.object(), e.guidance(), e);
            }
        }
        return new ApplyResult(d.name(), steps, linksUp);
    }

    /** Tears the lab down on each machine, last applied first; says what each did, and which could not be reached. */
    private List<String> rollBack(String lab, List<String> machines) {
        List<String> notes = new ArrayList<>();
        List<String> undone = new ArrayList<>();
        for (String m : machines.reversed()) {
            try {
                TeardownResult r = service(m).teardown(lab, ProgressListener.NONE);
                if (r.wasApplied()) undone.add(m);
            } catch (LabException e) {
                notes.add("machine " + m + " could not roll back now (" + e.getMessage() + "); its helper removes its unfinished part "
                        + "when it starts again, or run nslab teardown on the design");
            }
        }
        notes.add(0, undone.isEmpty() ? "nothing was left applied" : "rolled back on " + String.join(", ", undone));
        return notes;
    }

    @Override
    public TeardownResult teardown(String lab, ProgressListener progress) throws LabException {
        int removed = 0;
        boolean was = false;
        List<String> leftovers = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        LabException first = null;
        for (String m : MachinePart.machines(design).reversed()) {
            try {
                TeardownResult r = service(m).teardown(lab, on(m, progress));
                was |= r.wasApplied();
                removed += r.removed();
                r.leftovers().forEach(x -> leftovers.add(m + ": " + x));
                r.notes().forEach(x -> notes.add(m + ": " + x));
            } catch (LabException e) {
                // The other machines are torn down all the same; the first failure is reported at the end.
                if (first == null) first = new LabException(e.code(), "machine " + m + ": " + e.getMessage(), e);
            }
        }
        if (first != null) throw first;
        return new TeardownResult(lab, was, removed, leftovers, notes);
    }

    @Override
    public StatusReport status(String lab) throws LabException {
        return status(design);
    }

    @Override
    public StatusReport status(Topology d) throws LabException {
        sameLab(d);
        List<Drift> drifts = new ArrayList<>();
        List<LabProcess> processes = new ArrayList<>();
        boolean applied = true;
        int owner = -1;
        for (String m : MachinePart.machines(d)) {
            // Each helper compares its part with the part it recorded at apply (which is this design's, once applied).
            StatusReport r = service(m).status(d.name());
            applied &= r.applied();
            if (Topology.LOCAL.equals(m)) owner = r.owner();
            for (Drift x : r.drifts()) drifts.add(new Drift(x.kind(), x.object(), "on " + m + (x.detail() == null ? "" : ": " + x.detail()), x.repair()));
            processes.addAll(r.processes());
        }
        return new StatusReport(d.name(), owner, applied, drifts, processes);
    }

    @Override
    public List<LabSummary> list() throws LabException {
        return local.list();
    }

    /**
     * Each machine runs the checks that start there. A tcp or udp check whose listener would be on another machine
     * is reported as not run: no helper listens on a machine it was not asked about.
     */
    @Override
    public List<CheckResult> check(Topology d, long timeoutMillis) throws LabException {
        sameLab(d);
        Map<Check, CheckResult> results = new LinkedHashMap<>();
        for (String m : MachinePart.machines(d)) {
            Topology part = MachinePart.of(d, m);
            if (!part.checks().isEmpty()) {
                // Results come in the order of the part's checks, which are the design's own values.
                List<CheckResult> got = service(m).check(part, timeoutMillis);
                for (int i = 0; i < got.size() && i < part.checks().size(); i++) results.put(part.checks().get(i), got.get(i));
            }
            for (Check c : MachinePart.crossChecks(d, m)) {
                results.put(c, new CheckResult(c, false, CheckResult.ERROR, null, "not run: its listener is on another machine, and checks "
                        + "across machines are icmp only for now"));
            }
        }
        List<CheckResult> ordered = new ArrayList<>();
        for (Check c : d.checks()) if (results.containsKey(c)) ordered.add(results.get(c));
        return ordered;
    }

    @Override
    public ReachabilityMatrix matrix(Topology d, long timeoutMillis, ProgressListener progress) throws LabException {
        throw notAcross("the reachability matrix");
    }

    @Override
    public List<Finding> doctor(Topology d) throws LabException {
        return local.doctor(MachinePart.of(d, Topology.LOCAL));
    }

    private String machineOf(String node) {
        Placement p = Placement.of(design);
        if (design.namespaces().containsKey(node)) return p.ofNamespace(node);
        if (design.bridges().containsKey(node)) return p.home(node);
        return Topology.LOCAL;
    }

    @Override
    public int exec(String lab, String node, List<String> command, ExecStreams streams) throws LabException {
        return service(machineOf(node)).exec(lab, node, command, streams);
    }

    @Override
    public int shell(String lab, String node, ExecStreams streams) throws LabException {
        return service(machineOf(node)).shell(lab, node, streams);
    }

    @Override
    public org.nslab.engine.interop.ImportResult importKernel() throws LabException {
        return local.importKernel();
    }

    @Override
    public CaptureResult capture(String lab, String node, String iface, int count, List<List<Long>> filter, CaptureSink sink)
            throws LabException {
        return service(machineOf(node)).capture(lab, node, iface, count, filter, sink);
    }

    @Override
    public LiveTrace trace(String lab, org.nslab.engine.walk.TraceRequest request, long timeoutMillis) throws LabException {
        throw notAcross("a live trace");
    }

    private static LabException notAcross(String what) {
        return new LabException(ErrorCode.BAD_REQUEST, what + " of a lab across machines is not there yet");
    }
}
