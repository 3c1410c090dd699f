package org.nslab.gui.inspector;

import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.nslab.engine.model.Topology;
import org.nslab.engine.validate.Names;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Edit;
import org.nslab.gui.problems.DesignValidator;

/**
 * The lab's own properties, shown while nothing is selected: its name (which prefixes every kernel namespace
 * name), description and whether nslab writes hosts files for it. Each commit is one undoable edit.
 */
public final class LabInspector {
    private final DesignDocument document;
    private final DocumentContext context;
    private final FieldModel name;
    private final FieldModel description;
    private final FieldModel etcHosts;
    private final DocumentContext etcHostsContext;
    private final ReadOnlyStringWrapper subtitle = new ReadOnlyStringWrapper(this, "subtitle", "");

    LabInspector(DesignDocument document, DesignValidator validator) {
        this.document = document;
        this.context = new DocumentContext(document, validator,
                (before, after) -> new Edit.SetLabInfo(before.name(), before.description(), after.name(), after.description()));
        // A name that is not one would change every kernel name into an invalid one: it is refused at the field.
        name = new FieldModel("Name", "/name", t -> Text.of(t.name()), (t, text) -> {
            String n = Text.optional(text);
            if (n == null) throw new IllegalArgumentException("the lab needs a name, e.g. router-lab");
            Names.labNameProblem(n).ifPresent(m -> {
                throw new IllegalArgumentException(m);
            });
            return t.withName(n);
        }, context).prompt("router-lab");
        description = new FieldModel("Description", "/description", t -> Text.of(t.description()),
                (t, text) -> t.withDescription(Text.optional(text)), context).prompt("what the lab is for");
        etcHostsContext = new DocumentContext(document, validator,
                (before, after) -> new Edit.SetEtcHosts(before.etcHosts(), after.etcHosts()));
        etcHosts = new FieldModel("Hosts files", "/etcHosts", t -> Text.bool(t.etcHosts(), true),
                (t, text) -> t.withEtcHosts(Text.bool(text, true)), etcHostsContext)
                .kind(FieldModel.Kind.CHECK, t -> List.of());
    }

    void refresh() {
        Topology t = document.topology();
        name.refresh(t, context.problems());
        description.refresh(t, context.problems());
        etcHosts.refresh(t, etcHostsContext.problems());
        subtitle.set(t.name() == null ? "" : "namespaces are created as " + t.name() + "-<id>");
    }

    public FieldModel name() {
        return name;
    }

    public FieldModel description() {
        return description;
    }

    /** Whether every node id resolves inside the lab (nslab writes each namespace's hosts file). */
    public FieldModel etcHosts() {
        return etcHosts;
    }

    public List<FieldModel> fields() {
        return List.of(name, description, etcHosts);
    }

    /** How the name shows in the kernel. */
    public ReadOnlyStringProperty subtitleProperty() {
        return subtitle.getReadOnlyProperty();
    }
}
