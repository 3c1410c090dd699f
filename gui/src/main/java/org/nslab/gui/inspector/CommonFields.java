package org.nslab.gui.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Edit;
import org.nslab.gui.problems.DesignValidator;

/**
 * What several selected elements of one kind have in common: one field per shared setting, showing the value
 * when all agree (empty, "mixed", when they differ). Committing sets it on every element as one undo step.
 * Names are left out: they must differ.
 */
public final class CommonFields {
    private static final Set<String> IDENTITY = Set.of("Id", "Kernel name", "Interface", "Name", "MAC");

    private final DesignDocument document;
    private final DocumentContext context;
    private final List<ElementInspector> members;
    private record Entry(FieldModel field, List<FieldModel> same) {}

    private final List<Entry> entries = new ArrayList<>();

    CommonFields(DesignDocument document, DesignValidator validator, List<ElementInspector> members) {
        this.document = document;
        this.members = List.copyOf(members);
        this.context = new DocumentContext(document, validator, (before, after) -> new Edit.Compound(
                "Change " + this.members.size() + " elements",
                this.members.stream().map(m -> EditContext.edit(m.element(), before, after)).toList()));
        ElementInspector first = members.get(0);
        for (ElementInspector.Section section : first.sections()) {
            for (int i = 0; i < section.fields().size(); i++) {
                FieldModel model = section.fields().get(i);
                if (IDENTITY.contains(model.label())) continue;
                List<FieldModel> same = same(section.title(), i);
                // Veth pairs have the same settings at each end and for both directions; the section names them apart.
                String label = sharedLabel(first, model.label()) ? section.title() + " " + model.label() : model.label();
                FieldModel f = new FieldModel(label, model.pointer(), t -> {
                    String v = same.get(0).readFrom(t);
                    return same.stream().allMatch(m -> m.readFrom(t).equals(v)) ? v : "";
                }, (t, text) -> {
                    Topology result = t;
                    for (FieldModel m : same) result = m.writeInto(result, text);
                    return result;
                }, context);
                f.kind(model.kind(), t -> List.copyOf(model.choices()));
                entries.add(new Entry(f, same));
            }
        }
        refresh();
    }

    /** True when more than one section of {@code e} has a field labelled {@code label}. */
    private static boolean sharedLabel(ElementInspector e, String label) {
        return e.sections().stream().filter(s -> s.fields().stream().anyMatch(f -> f.label().equals(label))).count() > 1;
    }

    /** Field {@code index} of section {@code title} in every member. */
    private List<FieldModel> same(String title, int index) {
        return members.stream().map(m -> m.sections().stream().filter(s -> s.title().equals(title)).findFirst()
                .orElseThrow().fields().get(index)).toList();
    }

    void refresh() {
        Topology t = document.topology();
        for (Entry e : entries) {
            String v = e.same().get(0).readFrom(t);
            boolean agree = e.same().stream().allMatch(m -> m.readFrom(t).equals(v));
            // "mixed" only where the members differ; a shared empty value shows its usual default.
            e.field().prompt(agree ? e.same().get(0).promptProperty().get() : "mixed");
            e.field().refresh(t, List.of());
        }
    }

    public List<FieldModel> fields() {
        return entries.stream().map(Entry::field).toList();
    }
}
