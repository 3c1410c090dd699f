package org.nslab.gui.lab;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.nslab.engine.model.Topology;
import org.nslab.engine.lab.Finding;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.lab.Severity;
import org.nslab.engine.lab.TeardownResult;
import org.nslab.engine.protocol.ProgressListener;

/**
 * Apply, teardown and status of the lab: runs one operation at a time on a worker, reports the current step,
 * the last failure (with the node it concerns) and the kernel state per node for the overlay. Before an apply it
 * asks the doctor about the host; the reachability matrix is {@link #reachability()}. Every operation on a design
 * runs through {@link #port}: across machines each machine's part goes to that machine's helper.
 */
public final class LabViewModel {

    public record Failure(String action, String message, String nodeId, String guidance) {}

    /**
     * The doctor's findings about the kernel's host for {@code design}. With {@code beforeApply} the apply waits for
     * the user: {@link #proceed()} or {@link #cancel()}.
     */
    public record Findings(Topology design, List<Finding> findings, boolean beforeApply) {
        public Findings {
            findings = List.copyOf(findings);
        }

        public boolean breaksLab() {
            return findings.stream().anyMatch(Finding::breaksLab);
        }
    }

    private final ObjectProperty<LabService> control = new SimpleObjectProperty<>(this, "control");
    private final Executor worker;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "");
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyObjectWrapper<Map<String, NodeState>> states =
            new ReadOnlyObjectWrapper<>(this, "states", Map.of());
    private final ReadOnlyObjectWrapper<StatusPicture> picture = new ReadOnlyObjectWrapper<>(this, "picture", StatusPicture.NONE);
    private final ReadOnlyObjectWrapper<Findings> findings = new ReadOnlyObjectWrapper<>(this, "findings");
    private final ReachabilityViewModel reachability;
    private final CaptureViewModel captures;
    /** Counts applies and teardowns that changed the lab: results taken before one no longer describe it. */
    private final javafx.beans.property.ReadOnlyIntegerWrapper labChanges = new javafx.beans.property.ReadOnlyIntegerWrapper(this, "labChanges");

    public LabViewModel(LabService control) {
        this(control, r -> Thread.ofPlatform().daemon().name("nslab-lab").start(r), Platform::runLater);
    }

    /** With explicit executors, so tests can run everything on one thread. */
    public LabViewModel(LabService control, Executor worker, Executor ui) {
        this.control.set(control);
        this.worker = worker;
        this.ui = ui;
        this.reachability = new ReachabilityViewModel(this.control, worker, ui);
        // Each capture blocks a thread for as long as it runs, so it never takes the lab's worker.
        this.captures = new CaptureViewModel(this.control, r -> Thread.ofPlatform().daemon().name("nslab-capture").start(r), ui);
    }

    /**
     * Where operations on {@code design} run: the chosen local service, or for a design across machines that service
     * for this machine's part and each other machine's helper for its own ({@link LabServices#forDesign}, as for nslab apply).
     */
    public LabService port(Topology design) {
        return LabServices.forDesign(design, control.get());
    }

    /** The captures started from the canvas, through this lab's port. */
    public CaptureViewModel captures() {
        return captures;
    }

    /** The Checks panel's model for {@code document}, running through this lab's port and threads. */
    public ChecksViewModel checks(org.nslab.gui.document.DesignDocument document) {
        return new ChecksViewModel(document, control, worker, ui, labChanges.getReadOnlyProperty());
    }

    /**
     * Sends a traced packet in the applied lab through this lab's port, on the worker thread; {@code answer} or
     * {@code failure} is told on the UI thread. It does not wait for other lab work, nor make the lab busy: it changes nothing.
     */
    public void liveTrace(Topology design, org.nslab.engine.walk.TraceRequest request, long timeoutMillis,
            java.util.function.Consumer<org.nslab.engine.lab.LiveTrace> answer, java.util.function.Consumer<String> failure) {
        LabService c = port(design);
        worker.execute(() -> {
            try {
                org.nslab.engine.lab.LiveTrace t = c.trace(design.name(), request, timeoutMillis);
                ui.execute(() -> answer.accept(t));
            } catch (LabException | RuntimeException e) {
                ui.execute(() -> failure.accept(e.getMessage()));
            }
        });
    }

    public ReachabilityViewModel reachability() {
        return reachability;
    }

    /**
     * The doctor's findings to show: before an apply (which then waits for {@link #proceed()} or {@link #cancel()}),
     * or asked for with {@link #examineHost}. Null when there is nothing to show.
     */
    public ReadOnlyObjectProperty<Findings> findingsProperty() {
        return findings.getReadOnlyProperty();
    }

    public ObjectProperty<LabService> controlProperty() {
        return control;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Failure> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Map<String, NodeState>> statesProperty() {
        return states.getReadOnlyProperty();
    }

    /** Node and link states and the differences of the last apply, status or teardown. */
    public ReadOnlyObjectProperty<StatusPicture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    /**
     * Examines the host first (the same findings as {@code nslab doctor FILE}); when something there would break or
     * endanger the lab the apply waits for the user's answer to the findings, otherwise it goes on at once. A host
     * that cannot be examined (an older helper) does not stop the apply: the doctor advises, it does not guard.
     */
    public void apply(Topology t) {
        examine(t, "Apply", (found, failed) -> {
            if (found != null && found.stream().anyMatch(f -> f.severity() != Severity.INFO)) {
                step.set("Apply waits: " + found.size() + (found.size() == 1 ? " finding" : " findings") + " about the host");
                findings.set(new Findings(t, found, true));
            } else {
                busy.set(false);
                applyNow(t);
            }
        });
    }

    /** Applies the design whose findings are shown, as the user chose despite them. */
    public void proceed() {
        Findings f = findings.get();
        if (f == null || !f.beforeApply()) return;
        findings.set(null);
        busy.set(false);
        applyNow(f.design());
    }

    /** Dismisses the findings; an apply that waited for them does not happen. */
    public void cancel() {
        Findings f = findings.get();
        if (f == null) return;
        findings.set(null);
        if (f.beforeApply()) {
            step.set("Apply cancelled");
            busy.set(false);
        }
    }

    /** Shows the doctor's findings for {@code t} without applying anything. */
    public void examineHost(Topology t) {
        examine(t, "Host check", (found, failed) -> {
            busy.set(false);
            if (failed != null) {
                failure.set(failed);
                step.set("Host check failed");
                return;
            }
            step.set(found.isEmpty() ? "Nothing found on the host" : "The host: " + found.size()
                    + (found.size() == 1 ? " finding" : " findings"));
            findings.set(new Findings(t, found, false));
        });
    }

    /**
     * Runs the doctor on the worker and hands {@code then}, on the UI thread and still busy, either its findings or
     * (findings null) why the host could not be examined.
     */
    private void examine(Topology t, String action, BiConsumer<List<Finding>, Failure> then) {
        if (busy.get()) return;
        busy.set(true);
        failure.set(null);
        step.set("Examining the host…");
        LabService c = port(t);
        worker.execute(() -> {
            try {
                List<Finding> found = c.doctor(t);
                ui.execute(() -> then.accept(found, null));
            } catch (LabException e) {
                ui.execute(() -> then.accept(null, CanvasNodes.failure(t, action, e)));
            } catch (RuntimeException e) {
                ui.execute(() -> then.accept(null, new Failure(action, String.valueOf(e.getMessage()), null, null)));
            }
        });
    }

    private void applyNow(Topology t) {
        LabService c = port(t);
        run(t, "Apply", progress -> {
            c.apply(t, progress);
            // The lab has changed: the old matrix and check results no longer say what it reaches.
            ui.execute(this::labChanged);
            return StatusPicture.of(t, c.status(t.name()));
        });
    }

    public void teardown(Topology t) {
        // A capture would only end in an error once its interface is gone; it ends cleanly first.
        captures.stopAll();
        LabService c = port(t);
        run(t, "Teardown", progress -> {
            TeardownResult result = c.teardown(t.name(), progress);
            ui.execute(this::labChanged);
            if (!result.leftovers().isEmpty()) {
                throw new LabException(org.nslab.engine.protocol.ErrorCode.KERNEL, "Lab " + t.name() + " was torn down except: "
                        + String.join("; ", result.leftovers()) + " (still recorded; tear down again to retry)");
            }
            return StatusPicture.NONE;
        });
    }

    private void labChanged() {
        reachability.clear();
        labChanges.set(labChanges.get() + 1);
    }

    public void status(Topology t) {
        LabService c = port(t);
        run(t, "Status", progress -> StatusPicture.of(t, c.status(t.name())));
    }

    private interface Job {
        StatusPicture run(ProgressListener progress) throws LabException;
    }

    private void run(Topology t, String action, Job job) {
        if (busy.get()) return;
        busy.set(true);
        failure.set(null);
        step.set(action + "…");
        worker.execute(() -> {
            ProgressListener progress = (i, total, description) -> ui.execute(() -> step.set("Step " + i + "/" + total + ": " + description));
            try {
                StatusPicture result = job.run(progress);
                ui.execute(() -> {
                    picture.set(result);
                    states.set(result.nodes());
                    step.set(action + " done");
                    busy.set(false);
                });
            } catch (LabException e) {
                ui.execute(() -> {
                    failure.set(CanvasNodes.failure(t, action, e));
                    step.set(action + " failed");
                    busy.set(false);
                });
            } catch (RuntimeException e) {
                ui.execute(() -> {
                    failure.set(new Failure(action, String.valueOf(e.getMessage()), null, null));
                    step.set(action + " failed");
                    busy.set(false);
                });
            }
        });
    }
}
