package org.nslab.gui.document;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.nslab.engine.model.Topology;

/**
 * The design being edited: the current immutable {@link Topology}, changed only by {@link Edit}s, with capped
 * undo and redo stacks. Every state reached gets a number; the document is dirty while the current state's
 * number differs from the one last saved or loaded, so undoing back to the saved state clears the marker.
 *
 * <p>Not thread-safe: used on the JavaFX application thread (or a test's thread).
 */
public final class DesignDocument {

    public static final int DEFAULT_UNDO_LIMIT = 500;

    private record Entry(Edit edit, long stateBefore, long stateAfter) {}

    private final int undoLimit;
    private final ReadOnlyObjectWrapper<Topology> topology = new ReadOnlyObjectWrapper<>(this, "topology");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper(this, "undoLabel", "");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper(this, "redoLabel", "");
    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();
    private long nextState = 1;
    private long state;
    private long savedState;
    /** True while the last entry may absorb the next mergeable edit (no undo, redo or save since). */
    private boolean mergeOpen;
    private Edit lastChange;

    public DesignDocument(Topology initial) {
        this(initial, DEFAULT_UNDO_LIMIT);
    }

    public DesignDocument(Topology initial, int undoLimit) {
        if (undoLimit < 1) throw new IllegalArgumentException("undo limit " + undoLimit);
        this.undoLimit = undoLimit;
        topology.set(Objects.requireNonNull(initial));
    }

    /** An empty design named {@code lab}. */
    public static DesignDocument untitled() {
        return new DesignDocument(Topology.empty("lab"));
    }

    public ReadOnlyObjectProperty<Topology> topologyProperty() {
        return topology.getReadOnlyProperty();
    }

    public Topology topology() {
        return topology.get();
    }

    /**
     * The edit that led to the current design, as applied (an undo gives the inverse of the undone edit); null
     * after {@link #load}. Listeners of {@link #topologyProperty()} read it to follow renames.
     */
    public Edit lastChange() {
        return lastChange;
    }

    /** Applies {@code edit} as a new undo step. Returns false (and records nothing) for an empty edit. */
    public boolean apply(Edit edit) {
        return apply(edit, false);
    }

    /**
     * Applies {@code edit}, merging it into the previous undo step when both concern the same element and no
     * undo, redo or save happened in between: a run of small changes to one field undoes as one step.
     */
    public boolean applyMerging(Edit edit) {
        return apply(edit, true);
    }

    private boolean apply(Edit edit, boolean merge) {
        if (edit.isEmpty()) return false;
        Topology next = edit.apply(topology.get());
        redo.clear();
        Entry last = undo.peekLast();
        Edit merged = merge && mergeOpen && last != null && last.stateAfter == state && state != savedState
                ? last.edit.mergedWith(edit) : null;
        long after = nextState++;
        if (merged != null) {
            undo.removeLast();
            undo.addLast(new Entry(merged, last.stateBefore, after));
        } else {
            undo.addLast(new Entry(edit, state, after));
            while (undo.size() > undoLimit) undo.removeFirst();
        }
        mergeOpen = merge;
        lastChange = edit;
        moveTo(next, after);
        return true;
    }

    public void undo() {
        Entry e = undo.pollLast();
        if (e == null) return;
        Topology previous = e.edit.inverted().apply(topology.get());
        redo.addLast(e);
        mergeOpen = false;
        lastChange = e.edit.inverted();
        moveTo(previous, e.stateBefore);
    }

    public void redo() {
        Entry e = redo.pollLast();
        if (e == null) return;
        Topology next = e.edit.apply(topology.get());
        undo.addLast(e);
        mergeOpen = false;
        lastChange = e.edit;
        moveTo(next, e.stateAfter);
    }

    /** Replaces the whole design (new or opened file): history is cleared and the state counts as saved. */
    public void load(Topology t, Path path) {
        undo.clear();
        redo.clear();
        mergeOpen = false;
        lastChange = null;
        file.set(path);
        long s = nextState++;
        savedState = s;
        moveTo(Objects.requireNonNull(t), s);
    }

    /** Records that the current state was written to {@code path}. */
    public void markSaved(Path path) {
        file.set(path);
        savedState = state;
        mergeOpen = false;
        refresh();
    }

    private void moveTo(Topology t, long newState) {
        state = newState;
        topology.set(t);
        revision.set(revision.get() + 1);
        refresh();
    }

    private void refresh() {
        dirty.set(state != savedState);
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        undoLabel.set(undo.isEmpty() ? "" : undo.peekLast().edit.label());
        redoLabel.set(redo.isEmpty() ? "" : redo.peekLast().edit.label());
    }

    public ReadOnlyObjectProperty<Path> fileProperty() {
        return file.getReadOnlyProperty();
    }

    public Path file() {
        return file.get();
    }

    /** Increases on every change of the topology (edit, undo, redo, load). */
    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public boolean isDirty() {
        return dirty.get();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }

    public int undoDepth() {
        return undo.size();
    }

    public int redoDepth() {
        return redo.size();
    }
}
