package org.nslab.gui.inspector;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.Edit;
import org.nslab.gui.problems.DesignProblem;

/**
 * One editable value of the inspected element, as text. Typing changes {@link #textProperty()} and re-checks
 * the would-be design at once, so the field shows its problem while the user types; only {@link #commit()}
 * (Enter, focus loss, a click on a choice) changes the document, as one undoable edit.
 */
public final class FieldModel {

    /** The design with {@code text} written into this field; throws IllegalArgumentException for text that has no value. */
    @FunctionalInterface
    public interface Writer {
        Topology write(Topology t, String text);
    }

    /** The edit that writes {@code text}, for fields whose change reaches beyond their element (renames). */
    @FunctionalInterface
    public interface EditWriter {
        Edit edit(Topology t, String text);
    }

    private final String label;
    private final String pointer;
    private final Function<Topology, String> reader;
    private final Writer writer;
    private final EditWriter edits;
    private final Context context;
    private final StringProperty text = new SimpleStringProperty(this, "text", "");
    private final ReadOnlyStringWrapper committed = new ReadOnlyStringWrapper(this, "committed", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem");
    private final ReadOnlyStringWrapper prompt = new ReadOnlyStringWrapper(this, "prompt", "");
    private final ObservableList<String> choices = FXCollections.observableArrayList();
    private Kind kind = Kind.TEXT;
    private Function<Topology, List<String>> choiceSource = t -> List.of();
    private boolean refreshing;
    /** When set, a value the design rejects at this field is refused (kept in the field, design unchanged). */
    private boolean refusesRejected;
    /** For a field holding a name that is part of pointers (an id): where the design reports problems of a text. */
    private Function<String, String> namedAt;

    /** How the value is edited: free text, a choice among fixed values, text with suggestions, or a check box. */
    public enum Kind { TEXT, CHOICE, SUGGEST, CHECK }

    /** The design the field edits and how its changes are recorded. */
    public interface Context {
        Topology topology();

        /** The current design's problems. */
        List<DesignProblem> problems();

        List<DesignProblem> validate(Topology candidate);

        /** Records the change from the current design to {@code candidate} as one edit. */
        boolean commit(Topology candidate);

        /** Records {@code edit} as one undo step; needed only where fields are made with an {@link EditWriter}. */
        default boolean apply(Edit edit) {
            throw new UnsupportedOperationException("this context records changes of its element only");
        }
    }

    public FieldModel(String label, String pointer, Function<Topology, String> reader, Writer writer, Context context) {
        this(label, pointer, reader, writer, null, context);
    }

    /** A field whose text becomes a whole edit (e.g. a rename that updates every reference). */
    public static FieldModel ofEdits(String label, String pointer, Function<Topology, String> reader, EditWriter edits,
                                     Context context) {
        return new FieldModel(label, pointer, reader, (t, text) -> edits.edit(t, text).apply(t), edits, context);
    }

    private FieldModel(String label, String pointer, Function<Topology, String> reader, Writer writer, EditWriter edits,
                       Context context) {
        this.label = label;
        this.pointer = pointer;
        this.reader = reader;
        this.writer = writer;
        this.edits = edits;
        this.context = context;
        text.addListener((obs, o, n) -> {
            if (!refreshing) check();
        });
    }

    /** Re-reads the value from the current design (after an edit, undo or redo), dropping text not committed. */
    public void refresh(Topology t, List<DesignProblem> problems) {
        String value = Objects.requireNonNullElse(reader.apply(t), "");
        List<String> c = choiceSource.apply(t);
        if (!c.equals(choices)) choices.setAll(c);
        refreshing = true;
        try {
            committed.set(value);
            text.set(value);
        } finally {
            refreshing = false;
        }
        problem.set(firstAt(problems, value));
    }

    private void check() {
        if (text.get().equals(committed.get())) {
            problem.set(firstAt(context.problems(), committed.get()));
            return;
        }
        try {
            problem.set(firstAt(context.validate(writer.write(context.topology(), text.get())), text.get().strip()));
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
        }
    }

    private String firstAt(List<DesignProblem> problems, String value) {
        // A name's own problems are reported at exactly its pointer, which moves with the name; problems inside the
        // named element belong to the element's other fields.
        java.util.function.Predicate<DesignProblem> here = namedAt == null ? p -> p.isAt(pointer)
                : p -> p.pointer().equals(namedAt.apply(value));
        return problems.stream().filter(here).map(DesignProblem::message).findFirst().orElse(null);
    }

    /** Makes this the field of a name that is part of pointers: {@code pointerOf} gives the pointer of a name. */
    FieldModel namedAt(Function<String, String> pointerOf) {
        namedAt = pointerOf;
        return this;
    }

    /**
     * Writes the text into the document as one edit. Text that has no value (not a number where one is
     * needed) is kept in the field with its problem and changes nothing; a valid-looking value that the design
     * still rejects is committed, and the problems panel lists it like any other problem of the file.
     */
    public boolean commit() {
        if (text.get().equals(committed.get())) return false;
        if (refusesRejected) {
            try {
                String rejected = firstAt(context.validate(writer.write(context.topology(), text.get())), text.get().strip());
                if (rejected != null) {
                    problem.set(rejected);
                    return false;
                }
            } catch (IllegalArgumentException e) {
                problem.set(e.getMessage());
                return false;
            }
        }
        if (edits != null) {
            Edit edit;
            try {
                edit = edits.edit(context.topology(), text.get());
            } catch (IllegalArgumentException e) {
                problem.set(e.getMessage());
                return false;
            }
            return context.apply(edit);
        }
        Topology candidate;
        try {
            candidate = writer.write(context.topology(), text.get());
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return false;
        }
        return context.commit(candidate);
    }

    /** The design with {@code text} written into this field, without recording anything. */
    Topology writeInto(Topology t, String text) {
        return writer.write(t, text);
    }

    String readFrom(Topology t) {
        return Objects.requireNonNullElse(reader.apply(t), "");
    }

    /**
     * Makes this field refuse any value the design rejects at the field, not only text without a value: Enter
     * and leaving the field then change nothing, and the field keeps the text with its problem until it is
     * corrected or Escape puts the old value back.
     */
    public FieldModel refusingRejected() {
        refusesRejected = true;
        return this;
    }

    /** Puts the committed value back (Escape). */
    public void revert() {
        text.set(committed.get());
    }

    public StringProperty textProperty() {
        return text;
    }

    public String text() {
        return text.get();
    }

    /** Sets the text and commits it: for choices and check boxes, which have no typing phase. */
    public boolean set(String value) {
        text.set(value);
        return commit();
    }

    public ReadOnlyStringProperty committedProperty() {
        return committed.getReadOnlyProperty();
    }

    /** The problem of the text in the field, or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public String problem() {
        return problem.get();
    }

    /** Shown in an empty field: the value used when the field is left empty. */
    public ReadOnlyStringProperty promptProperty() {
        return prompt.getReadOnlyProperty();
    }

    public FieldModel prompt(String value) {
        prompt.set(value);
        return this;
    }

    public FieldModel kind(Kind k, Function<Topology, List<String>> source) {
        kind = k;
        choiceSource = source;
        return this;
    }

    public Kind kind() {
        return kind;
    }

    /** The values offered by a choice or suggestion field. */
    public ObservableList<String> choices() {
        return choices;
    }

    public String label() {
        return label;
    }

    /** The JSON Pointer of the value, as validation problems name it. */
    public String pointer() {
        return pointer;
    }
}
