package org.nslab.gui.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nslab.engine.model.Machine;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Edit;
import org.nslab.gui.document.Edits;
import org.nslab.gui.document.MachineEdits;
import org.nslab.gui.problems.DesignProblem;
import org.nslab.gui.problems.DesignValidator;

/**
 * The design's {@code machines}, as the machine editor shows them: the list of machines ({@code local} always
 * first, with or without an entry), and the fields of the chosen one (name, helper, underlay, weight). Each commit is one undoable edit of the
 * document (a rename with every {@code machine} key that names it); each field's problem is the engine
 * validator's at the field's pointer. Follows undo and redo, a rename's too.
 */
public final class MachinesEditor {
    private final DesignDocument document;
    private final DesignValidator validator;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<String> selected = new ReadOnlyObjectWrapper<>(this, "selected");
    private final ReadOnlyObjectWrapper<Fields> fields = new ReadOnlyObjectWrapper<>(this, "fields");
    private final ReadOnlyStringWrapper otherProblems = new ReadOnlyStringWrapper(this, "otherProblems", "");
    private final ChangeListener<Topology> onChange = (o, a, t) -> changed();

    /** The fields of one machine; {@code renamable} is false for {@code local}. */
    public record Fields(String machine, boolean renamable, FieldModel name, FieldModel helper, FieldModel underlay, FieldModel weight) {
        public List<FieldModel> all() {
            return List.of(name, helper, underlay, weight);
        }
    }

    public MachinesEditor(DesignDocument document, DesignValidator validator) {
        this.document = document;
        this.validator = validator;
        document.topologyProperty().addListener(onChange);
        names.setAll(listed(document.topology()));
        select(names.getFirst());
    }

    /** Stops following the document (the editor's window closed). */
    public void dispose() {
        document.topologyProperty().removeListener(onChange);
    }

    private static List<String> listed(Topology t) {
        TreeSet<String> others = new TreeSet<>(t.machines().keySet());
        others.remove(Topology.LOCAL);
        List<String> out = new ArrayList<>();
        out.add(Topology.LOCAL);
        out.addAll(others);
        return out;
    }

    private void changed() {
        Topology t = document.topology();
        String shown = selected.get();
        if (document.lastChange() instanceof Edit.RenameMachine r && r.oldName().equals(shown)) shown = r.newName();
        List<String> now = listed(t);
        if (!now.equals(names)) names.setAll(now);
        if (!names.contains(shown)) shown = Topology.LOCAL;
        if (shown.equals(selected.get())) refresh();
        else select(shown);
    }

    /** Shows the fields of {@code machine}, one of {@link #names()}. */
    public void select(String machine) {
        if (!names.contains(machine)) throw new IllegalArgumentException("no machine \"" + machine + "\"");
        selected.set(machine);
        fields.set(fieldsOf(machine));
        refresh();
    }

    private Fields fieldsOf(String machine) {
        String at = JsonPointer.child("/machines", machine);
        DocumentContext context = new DocumentContext(document, validator,
                (before, after) -> Edits.between("Change machine " + machine, before, after));
        FieldModel name = FieldModel.ofEdits("Name", at, t -> machine, (t, text) -> {
            String newName = Text.optional(text);
            if (newName == null) throw new IllegalArgumentException("type a name for the machine, e.g. " + machine);
            return MachineEdits.rename(t, machine, newName);
        }, context).namedAt(text -> JsonPointer.child("/machines", text.strip())).refusingRejected();
        FieldModel helper = new FieldModel("Helper", JsonPointer.child(at, "helper"), t -> Text.of(entry(t, machine).helper()),
                (t, text) -> MachineEdits.change(t, machine, m -> m.withHelper(Text.optional(text))), context)
                .prompt(Topology.LOCAL.equals(machine) ? "the usual helper" : "unix:/run/" + machine + "/helper.sock or ssh://user@host");
        FieldModel underlay = new FieldModel("Underlay", JsonPointer.child(at, "underlay"), t -> Text.of(entry(t, machine).underlay()),
                (t, text) -> MachineEdits.change(t, machine, m -> m.withUnderlay(Text.optional(text))), context)
                .prompt("192.0.2.2");
        // Automatic placement gives each machine namespaces in proportion to its weight (docs/machines.md).
        FieldModel weight = new FieldModel("Weight", JsonPointer.child(at, "weight"), t -> Text.of(entry(t, machine).weight()),
                (t, text) -> MachineEdits.change(t, machine, m -> m.withWeight(Text.integer(text, "weight"))), context)
                .prompt(String.valueOf(Machine.DEFAULT_WEIGHT));
        return new Fields(machine, !Topology.LOCAL.equals(machine), name, helper, underlay, weight);
    }

    private static Machine entry(Topology t, String machine) {
        return t.machines().getOrDefault(machine, Machine.blank());
    }

    private void refresh() {
        Topology t = document.topology();
        List<DesignProblem> problems = validator.validate(t);
        Fields f = fields.get();
        for (FieldModel m : f.all()) m.refresh(t, problems);
        // What no field shows: the machines as a whole, and the entry's keys the editor keeps without showing.
        String at = JsonPointer.child("/machines", f.machine());
        List<String> shownAt = f.all().stream().map(FieldModel::pointer).toList();
        otherProblems.set(String.join("\n", problems.stream()
                .filter(p -> p.pointer().equals("/machines") || p.isAt(at) && !p.pointer().equals(at) && shownAt.stream().noneMatch(p::isAt))
                .map(DesignProblem::format).toList()));
    }

    /** Adds a machine with the next free name and shows it. */
    public void add() {
        Topology t = document.topology();
        String name = MachineEdits.freeName(t);
        document.apply(MachineEdits.add(t, name));
        select(name);
    }

    /** Whether the shown machine has an entry to remove ({@code local} may have none). */
    public boolean removable() {
        return document.topology().machines().containsKey(selected.get());
    }

    /**
     * What would move to {@code local} if the shown machine were removed (nothing for {@code local} itself, which
     * stays whatever its entry): the editor asks first when this is not empty.
     */
    public List<String> movedByRemoval() {
        String m = selected.get();
        return Topology.LOCAL.equals(m) ? List.of() : MachineEdits.users(document.topology(), m);
    }

    /** Removes the shown machine's entry, moving what named it to {@code local}, as one undoable edit. */
    public void removeSelected() {
        if (!removable()) return;
        document.apply(MachineEdits.remove(document.topology(), selected.get()));
    }

    public ObservableList<String> names() {
        return FXCollections.unmodifiableObservableList(names);
    }

    public ReadOnlyObjectProperty<String> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Fields> fieldsProperty() {
        return fields.getReadOnlyProperty();
    }

    public Fields fields() {
        return fields.get();
    }

    /** Problems of the machines that no field shows, one per line as the problems panel writes them. */
    public ReadOnlyStringProperty otherProblemsProperty() {
        return otherProblems.getReadOnlyProperty();
    }
}
