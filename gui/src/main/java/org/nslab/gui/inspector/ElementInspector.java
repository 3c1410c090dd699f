package org.nslab.gui.inspector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.nslab.engine.model.Topology;
import org.nslab.engine.validate.Names;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Edits;
import org.nslab.gui.document.Renames;
import org.nslab.gui.problems.DesignProblem;
import org.nslab.gui.problems.Pointers;

/** The editable values of one selected element, grouped in sections of fields and lists. */
public abstract sealed class ElementInspector
        permits NamespaceInspector, BridgeInspector, TunInspector, VethInspector {

    /** A titled group of fields and lists, shown in order. */
    public record Section(String title, List<FieldModel> fields, List<RowsModel> lists) {}

    final EditContext context;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "");
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");
    private final Map<String, Section> sections = new LinkedHashMap<>();
    private final List<RowsModel> lists = new ArrayList<>();
    private final List<FieldModel> fields = new ArrayList<>();

    ElementInspector(EditContext context) {
        this.context = context;
    }

    public ElementRef element() {
        return context.element();
    }

    /** The element's id or name. */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** What the kernel will call it (kernel namespace name, interface names). */
    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }

    public List<Section> sections() {
        return List.copyOf(sections.values());
    }

    /** Re-reads everything from the current design; false when the element no longer exists. */
    boolean refresh() {
        Topology t = context.topology();
        if (!exists(t)) return false;
        List<DesignProblem> problems = context.problems();
        fields.forEach(f -> f.refresh(t, problems));
        lists.forEach(l -> l.refresh(t, problems));
        title.set(title(t));
        subtitle.set(subtitle(t));
        return true;
    }

    abstract boolean exists(Topology t);

    abstract String title(Topology t);

    abstract String subtitle(Topology t);

    /** The field at {@code pointer}, or the nearest field that holds it (a list's new-entry field for the list). */
    public Optional<FieldModel> field(String pointer) {
        List<FieldModel> all = new ArrayList<>(fields);
        lists.forEach(l -> all.addAll(l.fields()));
        FieldModel best = null;
        for (FieldModel f : all) {
            boolean holds = pointer.equals(f.pointer()) || pointer.startsWith(f.pointer() + "/");
            if (holds && (best == null || f.pointer().length() > best.pointer().length())) best = f;
        }
        if (best == null) {
            for (RowsModel l : lists) {
                boolean holds = pointer.equals(l.pointer()) || pointer.startsWith(l.pointer() + "/");
                if (holds && !l.rows().isEmpty()) best = l.rows().get(0).get(0);
                else if (holds && l.newEntry() != null) best = l.newEntry();
            }
        }
        return Optional.ofNullable(best);
    }

    /** All fields now shown, lists included. */
    public List<FieldModel> allFields() {
        List<FieldModel> all = new ArrayList<>(fields);
        lists.forEach(l -> all.addAll(l.fields()));
        return all;
    }

    // ---- builders used by the subclasses' constructors

    private Section section(String name) {
        return sections.computeIfAbsent(name, n -> new Section(n, new ArrayList<>(), new ArrayList<>()));
    }

    <E> FieldModel field(String section, String label, String pointer, Lens<E> lens,
                         Function<E, String> read, BiFunction<E, String, E> write) {
        FieldModel f = new FieldModel(label, pointer, t -> {
            E e = lens.get().apply(t);
            return e == null ? "" : read.apply(e);
        }, (t, text) -> lens.put().apply(t, write.apply(lens.get().apply(t), text)), context);
        fields.add(f);
        section(section).fields().add(f);
        return f;
    }

    /** A field whose text becomes a whole edit, e.g. a rename that changes every reference. */
    FieldModel field(String section, String label, String pointer, Function<Topology, String> read,
                     FieldModel.EditWriter write) {
        FieldModel f = FieldModel.ofEdits(label, pointer, read, write, context);
        fields.add(f);
        section(section).fields().add(f);
        return f;
    }

    /**
     * The id of a namespace, bridge or TUN ({@code collection} "namespaces", "bridges", "tuns"): renaming it renames
     * every reference as one edit. Text that cannot be an id, or an id in use, is refused at the field.
     */
    FieldModel idField(String collection, String id, String kind) {
        return field("Names", "Id", ptr(collection, id), t -> id, (t, text) -> {
            String newId = Text.optional(text);
            if (newId == null) throw new IllegalArgumentException("type an id, e.g. " + id);
            if (newId.equals(id)) return Edits.renameNode(t, id, id);
            if (Topology.HOST.equals(newId)) {
                throw new IllegalArgumentException("\"host\" is reserved for the namespace nslab runs in; choose another id");
            }
            Names.nodeIdProblem(newId, kind).ifPresent(m -> {
                throw new IllegalArgumentException(m);
            });
            if (Renames.isNodeId(t, newId)) {
                throw new IllegalArgumentException("id \"" + newId + "\" is already used by " + Edits.describe(t, refOf(t, newId))
                        + "; namespaces, bridges and TUN devices share one id space");
            }
            return Edits.renameNode(t, id, newId);
        }).namedAt(text -> ptr(collection, text));
    }

    private static ElementRef refOf(Topology t, String id) {
        if (t.bridges().containsKey(id)) return new ElementRef.BridgeRef(id);
        if (t.tuns().containsKey(id)) return new ElementRef.TunRef(id);
        return new ElementRef.NamespaceRef(id);
    }

    /** A list of addresses (CIDRs): one field per address, a new-entry field, removal per row. */
    <E> RowsModel addresses(String section, String pointer, Lens<E> lens,
                            Function<E, List<String>> get, BiFunction<E, List<String>, E> put) {
        Lens<List<String>> list = lens.then(get, put);
        RowsModel rows = new RowsModel("Addresses", pointer, List.of("Address"),
                t -> size(list.get().apply(t)),
                i -> List.of(new FieldModel("Address", pointer + "/" + i,
                        t -> at(list.get().apply(t), i),
                        (t, text) -> list.put().apply(t, replaced(list.get().apply(t), i, Text.optional(text))),
                        context)),
                i -> context.commit(list.put().apply(context.topology(), removed(list.get().apply(context.topology()), i))),
                null,
                new FieldModel("New address", pointer + "/-", t -> "",
                        (t, text) -> {
                            String v = Text.optional(text);
                            if (v == null) throw new IllegalArgumentException("type an address, e.g. 10.0.0.1/24");
                            return list.put().apply(t, appended(list.get().apply(t), v));
                        }, context).prompt("add address, e.g. 10.0.0.1/24"));
        lists.add(rows);
        section(section).lists().add(rows);
        return rows;
    }

    RowsModel rows(String section, RowsModel rows) {
        lists.add(rows);
        section(section).lists().add(rows);
        return rows;
    }

    static int size(List<?> l) {
        return l == null ? 0 : l.size();
    }

    static String at(List<String> l, int i) {
        return l == null || i >= l.size() ? "" : Text.of(l.get(i));
    }

    static <T> List<T> replaced(List<T> l, int i, T value) {
        List<T> copy = new ArrayList<>(l);
        if (value == null) copy.remove(i);
        else copy.set(i, value);
        return copy;
    }

    static <T> List<T> removed(List<T> l, int i) {
        List<T> copy = new ArrayList<>(l);
        copy.remove(i);
        return copy;
    }

    static <T> List<T> appended(List<T> l, T value) {
        List<T> copy = new ArrayList<>(l == null ? List.of() : l);
        copy.add(value);
        return copy;
    }

    static String ptr(Object... tokens) {
        return Pointers.of(tokens);
    }
}
