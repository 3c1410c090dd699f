package org.nslab.gui.lab;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
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

/**
 * Apply, teardown and status of the lab: runs one operation at a time on a worker, reports the current step,
 * the last failure (with the node it concerns) and the kernel state per node for the overlay.
 */
public final class LabViewModel {

    public record Failure(String action, String message, String nodeId, String guidance) {}

    private final ObjectProperty<LabControl> control = new SimpleObjectProperty<>(this, "control");
    private final Executor worker;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "");
    private final ReadOnlyObjectWrapper<Failure> failure = new ReadOnlyObjectWrapper<>(this, "failure");
    private final ReadOnlyObjectWrapper<Map<String, LabControl.NodeState>> states =
            new ReadOnlyObjectWrapper<>(this, "states", Map.of());

    public LabViewModel(LabControl control) {
        this(control, r -> Thread.ofPlatform().daemon().name("nslab-lab").start(r), Platform::runLater);
    }

    /** With explicit executors, so tests can run everything on one thread. */
    public LabViewModel(LabControl control, Executor worker, Executor ui) {
        this.control.set(control);
        this.worker = worker;
        this.ui = ui;
    }

    public ObjectProperty<LabControl> controlProperty() {
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

    public ReadOnlyObjectProperty<Map<String, LabControl.NodeState>> statesProperty() {
        return states.getReadOnlyProperty();
    }

    public void apply(Topology t) {
        run("Apply", progress -> {
            control.get().apply(t, progress);
            return control.get().status(t);
        });
    }

    public void teardown(Topology t) {
        run("Teardown", progress -> {
            control.get().teardown(t, progress);
            return Map.of();
        });
    }

    public void status(Topology t) {
        run("Status", progress -> control.get().status(t));
    }

    private interface Job {
        Map<String, LabControl.NodeState> run(Consumer<String> progress) throws LabControl.LabException;
    }

    private void run(String action, Job job) {
        if (busy.get()) return;
        busy.set(true);
        failure.set(null);
        step.set(action + "…");
        worker.execute(() -> {
            Consumer<String> progress = s -> ui.execute(() -> step.set(s));
            try {
                Map<String, LabControl.NodeState> result = job.run(progress);
                ui.execute(() -> {
                    states.set(Map.copyOf(result));
                    step.set(action + " done");
                    busy.set(false);
                });
            } catch (LabControl.LabException e) {
                ui.execute(() -> {
                    failure.set(new Failure(action, e.getMessage(), e.nodeId(), e.guidance()));
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
