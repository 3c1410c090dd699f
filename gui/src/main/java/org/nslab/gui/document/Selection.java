package org.nslab.gui.document;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.nslab.engine.model.Topology;

/**
 * The selected elements, as one immutable sorted set replaced on every change, so listeners see each change
 * whole. {@link #primary()} is the element selected last, shown by property panels.
 */
public final class Selection {

    private final ReadOnlyObjectWrapper<SortedSet<ElementRef>> selected =
            new ReadOnlyObjectWrapper<>(this, "selected", Collections.emptySortedSet());
    private final ReadOnlyObjectWrapper<ElementRef> primary = new ReadOnlyObjectWrapper<>(this, "primary");

    public ReadOnlyObjectProperty<SortedSet<ElementRef>> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public SortedSet<ElementRef> selected() {
        return selected.get();
    }

    /** The element selected last (null when nothing is). */
    public ReadOnlyObjectProperty<ElementRef> primaryProperty() {
        return primary.getReadOnlyProperty();
    }

    public ElementRef primary() {
        return primary.get();
    }

    public boolean contains(ElementRef ref) {
        return selected.get().contains(ref);
    }

    public boolean isEmpty() {
        return selected.get().isEmpty();
    }

    public void selectOnly(ElementRef ref) {
        set(ref == null ? Collections.emptySortedSet() : new TreeSet<>(java.util.List.of(ref)), ref);
    }

    public void selectOnly(Collection<? extends ElementRef> refs) {
        set(new TreeSet<>(refs), refs.isEmpty() ? null : refs.iterator().next());
    }

    public void add(ElementRef ref) {
        TreeSet<ElementRef> s = new TreeSet<>(selected.get());
        s.add(ref);
        set(s, ref);
    }

    public void addAll(Collection<? extends ElementRef> refs) {
        TreeSet<ElementRef> s = new TreeSet<>(selected.get());
        s.addAll(refs);
        set(s, refs.isEmpty() ? primary.get() : refs.iterator().next());
    }

    /** Adds {@code ref}, or removes it when it is selected already (Ctrl+click). */
    public void toggle(ElementRef ref) {
        TreeSet<ElementRef> s = new TreeSet<>(selected.get());
        if (!s.remove(ref)) {
            s.add(ref);
            set(s, ref);
        } else {
            set(s, ref.equals(primary.get()) ? (s.isEmpty() ? null : s.last()) : primary.get());
        }
    }

    public void clear() {
        set(Collections.emptySortedSet(), null);
    }

    /** Drops references to elements that {@code t} no longer has (after delete or undo). */
    public void retainExisting(Topology t) {
        retain(ref -> exists(t, ref));
    }

    public void retain(Predicate<ElementRef> keep) {
        TreeSet<ElementRef> s = new TreeSet<>(selected.get());
        if (s.removeIf(keep.negate())) {
            ElementRef p = primary.get();
            set(s, p != null && s.contains(p) ? p : (s.isEmpty() ? null : s.last()));
        }
    }

    /** Keeps a renamed node selected under its new id (after a rename, its undo or redo). */
    public void follow(Edit change) {
        if (!(change instanceof Edit.RenameNode r)) return;
        ElementRef p = primary.get();
        TreeSet<ElementRef> s = new TreeSet<>();
        boolean changed = false;
        for (ElementRef ref : selected.get()) {
            ElementRef renamed = renamed(ref, r.oldId(), r.newId());
            changed |= renamed != ref;
            s.add(renamed);
        }
        if (changed) set(s, p == null ? null : renamed(p, r.oldId(), r.newId()));
    }

    private static ElementRef renamed(ElementRef ref, String oldId, String newId) {
        if (!oldId.equals(ref.nodeId())) return ref;
        return switch (ref) {
            case ElementRef.NamespaceRef n -> new ElementRef.NamespaceRef(newId);
            case ElementRef.BridgeRef b -> new ElementRef.BridgeRef(newId);
            case ElementRef.TunRef u -> new ElementRef.TunRef(newId);
            case ElementRef.VethRef v -> v;
        };
    }

    public static boolean exists(Topology t, ElementRef ref) {
        return switch (ref) {
            case ElementRef.NamespaceRef n -> t.namespaces().containsKey(n.id()) || Topology.HOST.equals(n.id());
            case ElementRef.BridgeRef b -> t.bridges().containsKey(b.id());
            case ElementRef.TunRef u -> t.tuns().containsKey(u.id());
            case ElementRef.VethRef v -> v.index() < t.veths().size();
        };
    }

    private void set(SortedSet<ElementRef> s, ElementRef p) {
        SortedSet<ElementRef> frozen = Collections.unmodifiableSortedSet(new TreeSet<>(s));
        if (!frozen.equals(selected.get())) selected.set(frozen);
        primary.set(p != null && frozen.contains(p) ? p : null);
    }
}
