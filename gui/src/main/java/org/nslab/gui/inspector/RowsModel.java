package org.nslab.gui.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nslab.engine.model.Topology;
import org.nslab.gui.problems.DesignProblem;

/**
 * A list or table of the inspected element (addresses, routes, sysctls): one row of fields per entry,
 * rebuilt only when the number of entries changes, plus add and remove as single edits.
 */
public final class RowsModel {
    private final String title;
    private final String pointer;
    private final ToIntFunction<Topology> count;
    private final IntFunction<List<FieldModel>> rowFactory;
    private final IntPredicate remover;
    private final Runnable adder;
    private final FieldModel newEntry;
    private final List<String> columns;
    private final ObservableList<List<FieldModel>> rows = FXCollections.observableArrayList();
    private Function<Topology, Object> shape;
    private Object lastShape;

    RowsModel(String title, String pointer, List<String> columns, ToIntFunction<Topology> count,
              IntFunction<List<FieldModel>> rowFactory, IntPredicate remover, Runnable adder, FieldModel newEntry) {
        this.title = title;
        this.pointer = pointer;
        this.columns = List.copyOf(columns);
        this.count = count;
        this.rowFactory = rowFactory;
        this.remover = remover;
        this.adder = adder;
        this.newEntry = newEntry;
    }

    void refresh(Topology t, List<DesignProblem> problems) {
        // First: rebuilding the rows re-renders the panel, and the new-entry field losing focus then commits
        // whatever it still holds; once refreshed it holds nothing, so an entry just added is not added twice.
        if (newEntry != null) newEntry.refresh(t, problems);
        int n = count.applyAsInt(t);
        Object newShape = shape == null ? n : shape.apply(t);
        if (n != rows.size() || !newShape.equals(lastShape)) {
            lastShape = newShape;
            List<List<FieldModel>> fresh = new ArrayList<>(n);
            for (int i = 0; i < n; i++) fresh.add(List.copyOf(rowFactory.apply(i)));
            fresh.forEach(row -> row.forEach(f -> f.refresh(t, problems)));
            rows.setAll(fresh);
        } else {
            rows.forEach(row -> row.forEach(f -> f.refresh(t, problems)));
        }
    }

    /** Rows are rebuilt when this changes too (entries keyed by name, whose pointers change with the name). */
    RowsModel shape(Function<Topology, Object> s) {
        shape = s;
        return this;
    }

    public ObservableList<List<FieldModel>> rows() {
        return rows;
    }

    /** Removes entry {@code index} as one edit. */
    public boolean remove(int index) {
        return remover.test(index);
    }

    /** Whether {@link #add()} exists: tables add a default row; lists take a new entry in {@link #newEntry()}. */
    public boolean canAdd() {
        return adder != null;
    }

    public void add() {
        if (adder != null) adder.run();
    }

    /** A field whose commit appends an entry, or null. */
    public FieldModel newEntry() {
        return newEntry;
    }

    public String title() {
        return title;
    }

    public String pointer() {
        return pointer;
    }

    public List<String> columns() {
        return columns;
    }

    List<FieldModel> fields() {
        List<FieldModel> all = new ArrayList<>();
        rows.forEach(all::addAll);
        if (newEntry != null) all.add(newEntry);
        return all;
    }
}
