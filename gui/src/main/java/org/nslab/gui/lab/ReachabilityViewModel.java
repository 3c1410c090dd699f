package org.nslab.gui.lab;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.lab.ReachabilityMatrix;
import org.nslab.engine.lab.ReachabilityMatrix.NodeReach;

/**
 * The reachability matrix of the applied lab: runs it off the UI thread with progress, keeps the grid, and for
 * the chosen source namespace says what each canvas node and each veth end answers (for the canvas colours).
 */
public final class ReachabilityViewModel {

    /** One end of the veth at {@code veth} (its index in the design): end a, or b. */
    public record LinkEnd(int veth, boolean a) {}

    private final ObjectProperty<LabService> control;
    private final Executor worker;
    private final Executor ui;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure");
    private final ReadOnlyObjectWrapper<ReachabilityMatrix> matrix = new ReadOnlyObjectWrapper<>(this, "matrix");
    private final ObjectProperty<String> source = new SimpleObjectProperty<>(this, "source");
    private final LongProperty timeoutMillis = new SimpleLongProperty(this, "timeoutMillis", 1000);
    private final ReadOnlyObjectWrapper<Map<String, NodeReach>> nodes = new ReadOnlyObjectWrapper<>(this, "nodes", Map.of());
    private final ReadOnlyObjectWrapper<Map<LinkEnd, NodeReach>> ends = new ReadOnlyObjectWrapper<>(this, "ends", Map.of());
    private Topology design;

    ReachabilityViewModel(ObjectProperty<LabService> control, Executor worker, Executor ui) {
        this.control = control;
        this.worker = worker;
        this.ui = ui;
        source.addListener((o, a, b) -> recolour());
        matrix.addListener((o, a, b) -> recolour());
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** 0 to 1 as sources finish; -1 while nothing is known yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** Why the last run failed, with what to do about it; null after a run that worked. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** The last matrix, or null before the first run and after {@link #clear()}. */
    public ReadOnlyObjectProperty<ReachabilityMatrix> matrixProperty() {
        return matrix.getReadOnlyProperty();
    }

    /** The namespace whose view the canvas shows (a source of the matrix). */
    public ObjectProperty<String> sourceProperty() {
        return source;
    }

    public LongProperty timeoutMillisProperty() {
        return timeoutMillis;
    }

    /** For the chosen source: each node with lab addresses → whether all, some, none of them answer (or unknown). */
    public ReadOnlyObjectProperty<Map<String, NodeReach>> nodesProperty() {
        return nodes.getReadOnlyProperty();
    }

    /** For the chosen source: each veth end with addresses → what its addresses answer. */
    public ReadOnlyObjectProperty<Map<LinkEnd, NodeReach>> endsProperty() {
        return ends.getReadOnlyProperty();
    }

    /** Runs the matrix of {@code t} against the applied lab; ignored while a run is going on. */
    public void run(Topology t) {
        if (busy.get()) return;
        busy.set(true);
        failure.set(null);
        progress.set(-1);
        step.set("Pinging every address of " + t.name() + " from every namespace…");
        LabService c = LabServices.forDesign(t, control.get());
        long timeout = timeoutMillis.get();
        worker.execute(() -> {
            try {
                ReachabilityMatrix m = c.matrix(t, timeout, (done, total, description) -> ui.execute(() -> progressed(done, total)));
                ui.execute(() -> finished(t, m));
            } catch (LabException e) {
                ui.execute(() -> failed(e.getMessage() + (e.guidance() == null ? "" : "\n" + e.guidance())));
            } catch (RuntimeException e) {
                ui.execute(() -> failed(String.valueOf(e.getMessage())));
            }
        });
    }

    /** Forgets the matrix (after a teardown its answers describe a lab that is gone). */
    public void clear() {
        design = null;
        matrix.set(null);
        step.set("");
        progress.set(0);
    }

    private void progressed(int done, int total) {
        progress.set(total == 0 ? 1 : (double) done / total);
        step.set(done + " of " + total + " namespaces done");
    }

    private void finished(Topology t, ReachabilityMatrix m) {
        design = t;
        if (source.get() == null || !m.sources().contains(source.get())) {
            source.set(m.sources().isEmpty() ? null : m.sources().get(0));
        }
        matrix.set(m);
        long cells = m.rows().stream().mapToLong(r -> r.cells().size()).sum();
        long answered = m.rows().stream().flatMap(r -> r.cells().stream()).filter(c -> Boolean.TRUE.equals(c.reached())).count();
        step.set(answered + " of " + cells + " pings answered (" + m.sources().size() + " namespaces, "
                + m.targets().size() + " addresses)");
        progress.set(1);
        busy.set(false);
    }

    private void failed(String message) {
        failure.set(message);
        step.set("Matrix failed");
        progress.set(0);
        busy.set(false);
    }

    private void recolour() {
        ReachabilityMatrix m = matrix.get();
        String from = source.get();
        if (m == null || from == null || design == null) {
            nodes.set(Map.of());
            ends.set(Map.of());
            return;
        }
        nodes.set(Map.copyOf(m.nodesFrom(from)));
        Map<LinkEnd, NodeReach> out = new HashMap<>();
        List<Veth> veths = design.veths();
        for (int i = 0; i < veths.size(); i++) {
            for (boolean a : new boolean[] {true, false}) {
                VethEnd end = a ? veths.get(i).a() : veths.get(i).b();
                if (end == null || end.name() == null) continue;
                String node = end.namespace() != null ? end.namespace() : end.bridge();
                Optional<NodeReach> reach = m.interfaceFrom(from, node, end.name());
                if (reach.isPresent()) out.put(new LinkEnd(i, a), reach.get());
            }
        }
        ends.set(Map.copyOf(out));
    }

    /** A cell of the grid: answers, no answer, or could not probe. */
    public static String mark(Boolean reached) {
        return reached == null ? "?" : reached ? "\u2713" : "\u2717";
    }
}
