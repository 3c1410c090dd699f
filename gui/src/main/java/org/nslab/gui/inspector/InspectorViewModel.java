package org.nslab.gui.inspector;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Selection;
import org.nslab.gui.problems.DesignValidator;

/**
 * The inspector's state: an {@link ElementInspector} for a single selected element, or a summary of a
 * multiple selection. Follows the selection and re-reads the element after every change of the document.
 */
public final class InspectorViewModel {
    private final DesignDocument document;
    private final Selection selection;
    private final DesignValidator validator;
    private final ReadOnlyObjectWrapper<ElementInspector> current = new ReadOnlyObjectWrapper<>(this, "current");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyObjectWrapper<CommonFields> common = new ReadOnlyObjectWrapper<>(this, "common");
    private final LabInspector lab;
    private final ReadOnlyObjectWrapper<LabInspector> labShown = new ReadOnlyObjectWrapper<>(this, "lab");
    private java.util.List<ElementInspector> members = java.util.List.of();

    public InspectorViewModel(DesignDocument document, Selection selection, DesignValidator validator) {
        this.document = document;
        this.selection = selection;
        this.validator = validator;
        this.lab = new LabInspector(document, validator);
        selection.selectedProperty().addListener((obs, o, n) -> rebuild());
        selection.primaryProperty().addListener((obs, o, n) -> rebuild());
        document.topologyProperty().addListener((obs, o, n) -> refresh());
        rebuild();
    }

    private void rebuild() {
        SortedSet<ElementRef> selected = selection.selected();
        Topology t = document.topology();
        if (selected.size() == 1) {
            ElementRef ref = selected.first();
            ElementInspector wanted = current.get() != null && current.get().element().equals(ref)
                    ? current.get() : inspectorFor(ref);
            current.set(wanted != null && wanted.refresh() ? wanted : null);
        } else {
            current.set(null);
        }
        summary.set(summarize(selected, t));
        rebuildCommon(selected);
        if (selected.isEmpty()) lab.refresh();
        labShown.set(selected.isEmpty() ? lab : null);
    }

    /** Several elements of one kind share an editor of their common settings. */
    private void rebuildCommon(SortedSet<ElementRef> selected) {
        boolean oneKind = selected.size() > 1
                && selected.stream().map(Object::getClass).distinct().count() == 1
                && !(selected.first() instanceof ElementRef.NamespaceRef);
        if (!oneKind) {
            members = java.util.List.of();
            common.set(null);
            return;
        }
        java.util.List<ElementInspector> built = selected.stream().map(this::inspectorFor).toList();
        if (!built.stream().allMatch(ElementInspector::refresh)) {
            members = java.util.List.of();
            common.set(null);
            return;
        }
        members = built;
        common.set(new CommonFields(document, validator, built));
    }

    private void refresh() {
        // Refreshing validates the design: only while the lab's fields are shown.
        if (labShown.get() != null) lab.refresh();
        ElementInspector c = current.get();
        if (c != null && !c.refresh()) current.set(null);
        summary.set(summarize(selection.selected(), document.topology()));
        if (common.get() != null) {
            if (members.stream().allMatch(ElementInspector::refresh)) common.get().refresh();
            else rebuildCommon(selection.selected());
        }
    }

    private ElementInspector inspectorFor(ElementRef ref) {
        EditContext ctx = new EditContext(document, ref, validator);
        return switch (ref) {
            case ElementRef.NamespaceRef n -> new NamespaceInspector(ctx, n.id());
            case ElementRef.BridgeRef b -> new BridgeInspector(ctx, b.id());
            case ElementRef.TunRef u -> new TunInspector(ctx, u.id());
            case ElementRef.VethRef v -> new VethInspector(ctx, v.index());
        };
    }

    /** What a multiple (or empty) selection has in common: how many of each kind, and their shared namespace. */
    static String summarize(SortedSet<ElementRef> selected, Topology t) {
        if (selected.isEmpty()) return "Nothing selected";
        if (selected.size() == 1) return "";
        Map<String, Integer> kinds = new java.util.LinkedHashMap<>();
        java.util.Set<String> places = new java.util.TreeSet<>();
        for (ElementRef ref : selected) {
            switch (ref) {
                case ElementRef.NamespaceRef n -> {
                    kinds.merge("namespace", 1, Integer::sum);
                    places.add(n.id());
                }
                case ElementRef.BridgeRef b -> {
                    kinds.merge("bridge", 1, Integer::sum);
                    var br = t.bridges().get(b.id());
                    places.add(br == null ? "?" : br.namespaceOrHost());
                }
                case ElementRef.TunRef u -> {
                    kinds.merge("TUN/TAP", 1, Integer::sum);
                    var tun = t.tuns().get(u.id());
                    places.add(tun == null ? "?" : tun.namespaceOrHost());
                }
                case ElementRef.VethRef v -> kinds.merge("veth pair", 1, Integer::sum);
            }
        }
        StringBuilder sb = new StringBuilder(selected.size() + " selected: ");
        sb.append(String.join(", ", kinds.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey() + (e.getValue() > 1 ? "s" : ""))
                .toList()));
        boolean onlyDevices = selected.stream().noneMatch(r -> r instanceof ElementRef.VethRef || r instanceof ElementRef.NamespaceRef);
        if (onlyDevices && places.size() == 1) sb.append("; all in ").append(places.iterator().next());
        return sb.toString();
    }

    /** The single selected element's inspector, or null. */
    public ReadOnlyObjectProperty<ElementInspector> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public ElementInspector current() {
        return current.get();
    }

    /** Shown instead of fields when zero or several elements are selected. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The shared settings of a multiple selection of one kind (bridges, TUN/TAPs or veths), or null. */
    public ReadOnlyObjectProperty<CommonFields> commonProperty() {
        return common.getReadOnlyProperty();
    }

    /** The lab's name and description, while nothing is selected (null otherwise). */
    public ReadOnlyObjectProperty<LabInspector> labProperty() {
        return labShown.getReadOnlyProperty();
    }

    /** The field a problem pointer names, when it belongs to the inspected element. */
    public Optional<FieldModel> field(String pointer) {
        ElementInspector c = current.get();
        if (c == null && labShown.get() != null) {
            return labShown.get().fields().stream().filter(f -> f.pointer().equals(pointer)).findFirst();
        }
        return c == null ? Optional.empty() : c.field(pointer);
    }
}
