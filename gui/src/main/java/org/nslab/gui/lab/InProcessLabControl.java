package org.nslab.gui.lab;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.nslab.engine.model.Topology;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.ApplyException;
import org.nslab.helper.apply.Drift;
import org.nslab.helper.apply.StatusReport;
import org.nslab.helper.apply.TeardownResult;
import org.nslab.helper.check.Reachability;
import org.nslab.helper.check.ReachabilityMatrix;
import org.nslab.helper.doctor.Doctor;
import org.nslab.helper.doctor.Finding;

/** Applies with the journaled applier inside the designer's own process, which must run as root. */
public final class InProcessLabControl implements LabControl {
    /** Labs applied in-process belong to root, as the designer's process does. */
    private static final int ROOT = 0;
    private final Applier applier;
    private final Function<Topology, List<Finding>> doctor;

    public InProcessLabControl(Applier applier) {
        this(applier, Doctor::examine);
    }

    /** {@code doctor} examines the host for a design; tests examine a namespace that plays the host. */
    public InProcessLabControl(Applier applier, Function<Topology, List<Finding>> doctor) {
        this.applier = applier;
        this.doctor = doctor;
    }

    @Override
    public String describe() {
        return "in-process as root";
    }

    @Override
    public void apply(Topology t, Consumer<String> step) throws LabException {
        try {
            applier.apply(t, ROOT, (i, total, description) -> step.accept("Step " + i + "/" + total + ": " + description));
        } catch (ApplyException e) {
            throw translate(t, e);
        }
    }

    @Override
    public void teardown(Topology t, Consumer<String> step) throws LabException {
        TeardownResult result;
        try {
            result = applier.teardown(t.name(), ROOT, (i, total, description) -> step.accept("Step " + i + "/" + total + ": " + description));
        } catch (ApplyException e) {
            throw translate(t, e);
        }
        if (!result.leftovers().isEmpty()) {
            throw new LabException("Lab " + t.name() + " was torn down except: " + String.join("; ", result.leftovers())
                    + " (still recorded; tear down again to retry)", KernelObjects.nodeOf(t, result.leftovers().get(0)), null);
        }
    }

    @Override
    public Map<String, NodeState> status(Topology t) {
        StatusReport report = applier.status(t.name(), null);
        if (!report.applied()) return KernelObjects.allMissing(t);
        return KernelObjects.states(t, objects(report, Drift.Kind.MISSING), objects(report, Drift.Kind.DIFFERENT));
    }

    @Override
    public ReachabilityMatrix matrix(Topology t, long timeoutMillis, Consumer<String> step) throws LabException {
        // As through the helper: probing a lab that is not there would only fill the grid with "could not probe".
        if (applier.store().read(t.name()).isEmpty()) {
            throw new LabException("Lab " + t.name() + " is not applied; apply it first.", null, null);
        }
        return Reachability.matrix(t, timeoutMillis, (i, total, description) -> step.accept(i + "/" + total + ": " + description));
    }

    @Override
    public List<Finding> preflight(Topology t) {
        return doctor.apply(t);
    }

    private static List<String> objects(StatusReport report, Drift.Kind kind) {
        return report.drifts().stream().filter(d -> d.kind() == kind).map(Drift::object).toList();
    }

    private static LabException translate(Topology t, ApplyException e) {
        StringBuilder text = new StringBuilder(e.getMessage());
        e.details().stream().limit(6).forEach(d -> text.append("\n").append(d));
        String node = KernelObjects.nodeOf(t, e.object());
        if (node == null) node = KernelObjects.nodeOf(t, e.getMessage());
        return new LabException(text.toString(), node, null);
    }
}
