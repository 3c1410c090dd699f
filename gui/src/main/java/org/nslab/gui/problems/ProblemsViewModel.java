package org.nslab.gui.problems;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Selection;

/**
 * The design's validation problems, kept current: every change of the document re-validates it. In the
 * application the validation runs on a background thread, debounced, and a result is shown only while the
 * design it was computed for is still the current one, so a slow run never overwrites a newer answer.
 */
public final class ProblemsViewModel {

    /**
     * A problem row and the element it belongs to (null for top-level fields and checks); {@code place} is
     * {@code file:line:col} for a problem of the file as it was read (see {@link #showFileProblems}), else null.
     */
    public record Row(DesignProblem problem, ElementRef element, String place) {
        public Row(DesignProblem problem, ElementRef element) {
            this(problem, element, null);
        }

        public String text() {
            String text = problem.format();
            // Pointers count rules from 0; the firewall editor, like iptables, from 1: say both.
            java.util.regex.Matcher m = RULE.matcher(problem.pointer());
            if (m.find()) {
                String at = (problem.pointer().isEmpty() ? "/" : problem.pointer());
                text = at + " (rule " + (Integer.parseInt(m.group(2)) + 1) + " of " + m.group(1) + ")" + text.substring(at.length());
            }
            return place == null ? text : place + " " + text;
        }

        private static final java.util.regex.Pattern RULE = java.util.regex.Pattern.compile("/([^/]+)/rules/(\\d+)(/|$)");
    }

    private final DesignDocument document;
    private final Selection selection;
    private final DesignValidator validator;
    private final Executor ui;
    private final ScheduledExecutorService background;
    private final Duration debounce;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** Problems of the file as read: they stay until the file is read again, saved over or another one opened. */
    private List<Row> fileRows = List.of();
    private List<Row> liveRows = List.of();
    /** The helper's refusals, and the design they were judged on: they say nothing of any other version of it. */
    private List<Row> refusalRows = List.of();
    private Topology refused;
    private final ObservableList<Row> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyBooleanWrapper validating = new ReadOnlyBooleanWrapper(this, "validating");
    private ScheduledFuture<?> pending;
    private Consumer<DesignProblem> onReveal = p -> {};

    /** Validates on the calling thread after every change; for tests and small designs. */
    public ProblemsViewModel(DesignDocument document, Selection selection, DesignValidator validator) {
        this(document, selection, validator, Runnable::run, null, Duration.ZERO);
    }

    private ProblemsViewModel(DesignDocument document, Selection selection, DesignValidator validator,
                              Executor ui, ScheduledExecutorService background, Duration debounce) {
        this.document = Objects.requireNonNull(document);
        this.selection = Objects.requireNonNull(selection);
        this.validator = Objects.requireNonNull(validator);
        this.ui = ui;
        this.background = background;
        this.debounce = debounce;
        document.topologyProperty().addListener((obs, old, t) -> {
            if (!refusalRows.isEmpty() && t != refused) {
                refusalRows = List.of();
                showRows();
            }
            schedule(t);
        });
        schedule(document.topology());
    }

    /**
     * Validates on a daemon thread, {@code debounce} after the last change of a burst, and publishes on the
     * JavaFX application thread.
     */
    public static ProblemsViewModel live(DesignDocument document, Selection selection, DesignValidator validator,
                                         Duration debounce) {
        return live(document, selection, validator, debounce, Platform::runLater);
    }

    static ProblemsViewModel live(DesignDocument document, Selection selection, DesignValidator validator,
                                  Duration debounce, Executor ui) {
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nslab-validation");
            t.setDaemon(true);
            return t;
        });
        return new ProblemsViewModel(document, selection, validator, ui, worker, debounce);
    }

    private void schedule(Topology t) {
        if (background == null) {
            publish(t, validator.validate(t));
            return;
        }
        if (pending != null) pending.cancel(false);
        validating.set(true);
        pending = background.schedule(() -> {
            List<DesignProblem> found = validator.validate(t);
            ui.execute(() -> publish(t, found));
        }, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void publish(Topology validated, List<DesignProblem> found) {
        // A result for a design that is no longer current is dropped; the newer run is on its way.
        if (validated != document.topology()) return;
        validating.set(false);
        liveRows = found.stream().map(p -> new Row(p, elementOf(validated, p.pointer()))).toList();
        showRows();
    }

    private void showRows() {
        List<Row> all = new java.util.ArrayList<>(refusalRows);
        all.addAll(fileRows);
        all.addAll(liveRows);
        rows.setAll(all);
    }

    /**
     * Shows problems of a file as it was read, each at its line, before the live validation's rows; an empty
     * list takes them away.
     */
    public void showFileProblems(List<org.nslab.engine.problem.Problem> problems) {
        Topology t = document.topology();
        fileRows = problems.stream().map(p -> new Row(new DesignProblem(p.pointer(), p.message()),
                elementOf(t, p.pointer()), place(p))).toList();
        showRows();
    }

    /**
     * Shows what the helper refused of design {@code t} (its member policy, found before an apply), each at its
     * pointer, first in the list; they go when the design changes, as they were judged on this version only.
     */
    public void showRefusals(Topology t, List<org.nslab.engine.problem.Problem> refusals) {
        refused = t;
        refusalRows = t != document.topology() ? List.of() : refusals.stream()
                .map(p -> new Row(new DesignProblem(p.pointer(), p.message()), elementOf(t, p.pointer()), REFUSED)).toList();
        showRows();
    }

    /** The place shown before a refusal of the helper's policy. */
    public static final String REFUSED = "refused by the helper's policy:";

    private static String place(org.nslab.engine.problem.Problem p) {
        String file = p.file() == null ? "" : java.nio.file.Path.of(p.file()).getFileName().toString();
        return p.line() > 0 ? file + ":" + p.line() + ":" + p.column() : file;
    }

    static ElementRef elementOf(Topology t, String pointer) {
        return Pointers.element(pointer, id -> {
            if (t.bridges().containsKey(id)) return new ElementRef.BridgeRef(id);
            if (t.tuns().containsKey(id)) return new ElementRef.TunRef(id);
            return new ElementRef.NamespaceRef(id);
        }).orElse(null);
    }

    public ObservableList<Row> rows() {
        return readOnlyRows;
    }

    /** True while a validation run is pending or under way. */
    public ReadOnlyBooleanProperty validatingProperty() {
        return validating.getReadOnlyProperty();
    }

    /**
     * Selects the problem's element (when the design still has it) and asks whoever listens (the inspector)
     * to focus the field the problem points at.
     */
    public void reveal(Row row) {
        if (row == null) return;
        if (row.element() != null && Selection.exists(document.topology(), row.element())) {
            selection.selectOnly(row.element());
        }
        onReveal.accept(row.problem());
    }

    /** Reveals the element a problem of the current design points at (a refusal listed in another window, say). */
    public void reveal(org.nslab.engine.problem.Problem p) {
        reveal(new Row(DesignProblem.of(p), elementOf(document.topology(), p.pointer())));
    }

    /** Called by {@link #reveal} after the selection changed; the main window points it at the inspector. */
    public void setOnReveal(Consumer<DesignProblem> handler) {
        onReveal = handler == null ? p -> {} : handler;
    }
}
