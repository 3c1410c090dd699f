package org.nslab.gui.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Edit;

/**
 * The design's {@code checks} as the Checks panel shows them: each row the check and, once run, its result. Adding,
 * removing and changing a row are undoable edits of the document; Run asks the lab port on the worker thread.
 * A result stays with its row while the check is unchanged; editing the check clears it, and so does an apply or a
 * teardown of the lab (its results described the lab as it was).
 */
public final class ChecksViewModel {

    /** One check of the design, at {@code index} in its {@code checks}; {@code result} is null until run. */
    public record Row(int index, Check check, CheckResult result) {
        public String outcome() {
            if (result == null) return "";
            return (result.passed() ? "pass" : "fail") + ": " + result.observed() + (result.detail() == null ? "" : " (" + result.detail() + ")");
        }
    }

    private final DesignDocument document;
    private final ObjectProperty<LabService> control;
    private final Executor worker;
    private final Executor ui;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper(this, "step", "");
    private List<CheckResult> results = List.of();

    ChecksViewModel(DesignDocument document, ObjectProperty<LabService> control, Executor worker, Executor ui,
            javafx.beans.value.ObservableValue<Number> labChanges) {
        this.document = document;
        this.control = control;
        this.worker = worker;
        this.ui = ui;
        document.topologyProperty().addListener((o, a, t) -> refresh());
        labChanges.addListener((o, a, b) -> forget());
        refresh();
    }

    private void forget() {
        if (results.isEmpty()) return;
        results = List.of();
        step.set("The lab changed since the checks ran: run them again");
        refresh();
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    /** Where a check may start: the design's namespaces, then {@code host}; kept in step with the design. */
    public ObservableList<String> sources() {
        return sources;
    }

    private final ObservableList<String> sources = FXCollections.observableArrayList();

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** Appends a check from the first namespace to the first address of another, expected to reach. */
    public void add() {
        Topology t = document.topology();
        String from = t.namespaces().keySet().stream().filter(id -> !Topology.HOST.equals(id)).sorted().findFirst().orElse(null);
        String to = org.nslab.engine.lab.LabAddresses.of(t).stream().filter(a -> !java.util.Objects.equals(a.namespace(), from))
                .map(a -> a.address().split("/")[0]).findFirst().orElse("");
        document.apply(new Edit.SetCheck(t.checks().size(), null, new Check(from, to, null, null, Check.REACH)));
    }

    public void remove(int index) {
        Topology t = document.topology();
        if (index < 0 || index >= t.checks().size()) return;
        document.apply(new Edit.SetCheck(index, t.checks().get(index), null));
    }

    public void set(int index, Check check) {
        Topology t = document.topology();
        if (index < 0 || index >= t.checks().size()) return;
        document.apply(new Edit.SetCheck(index, t.checks().get(index), check));
    }

    /** Runs the design's checks against the applied lab, each probe waiting at most {@code timeoutMillis}. */
    public void run(long timeoutMillis) {
        if (busy.get()) return;
        Topology t = document.topology();
        busy.set(true);
        step.set("Running " + t.checks().size() + (t.checks().size() == 1 ? " check…" : " checks…"));
        LabService c = LabServices.forDesign(t, control.get());
        worker.execute(() -> {
            try {
                List<CheckResult> found = c.check(t, timeoutMillis);
                ui.execute(() -> finished(found, null));
            } catch (LabException | RuntimeException e) {
                ui.execute(() -> finished(List.of(), "Checks failed: " + e.getMessage()));
            }
        });
    }

    private void finished(List<CheckResult> found, String failure) {
        results = List.copyOf(found);
        long passed = found.stream().filter(CheckResult::passed).count();
        step.set(failure != null ? failure : passed + " of " + found.size() + " checks pass");
        busy.set(false);
        refresh();
    }

    private void refresh() {
        List<String> from = new ArrayList<>(document.topology().namespaces().keySet().stream().filter(id -> !Topology.HOST.equals(id)).sorted().toList());
        from.add(Topology.HOST);
        if (!from.equals(sources)) sources.setAll(from);
        List<Check> checks = document.topology().checks();
        List<CheckResult> unclaimed = new ArrayList<>(results);
        List<Row> next = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            CheckResult r = claim(unclaimed, checks.get(i));
            next.add(new Row(i, checks.get(i), r));
        }
        rows.setAll(next);
    }

    /** The result of a check equal to {@code c}, compared as the port reports it back (expect and proto defaulted). */
    private static CheckResult claim(List<CheckResult> unclaimed, Check c) {
        for (var it = unclaimed.iterator(); it.hasNext(); ) {
            CheckResult r = it.next();
            Check s = r.check();
            if (java.util.Objects.equals(s.from(), c.from()) && java.util.Objects.equals(s.to(), c.to())
                    && s.protoOrDefault().equals(c.protoOrDefault()) && java.util.Objects.equals(s.port(), c.port())
                    && CheckResult.expected(s).equals(CheckResult.expected(c))) {
                it.remove();
                return r;
            }
        }
        return null;
    }
}
