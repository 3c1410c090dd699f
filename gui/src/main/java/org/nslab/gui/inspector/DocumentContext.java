package org.nslab.gui.inspector;

import java.util.List;
import java.util.function.BiFunction;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Edit;
import org.nslab.gui.problems.DesignProblem;
import org.nslab.gui.problems.DesignValidator;

/**
 * What fields editing a design document share: the document, the current design's problems (computed once per
 * state), and how a changed design becomes one undoable edit.
 */
class DocumentContext implements FieldModel.Context {
    private final DesignDocument document;
    private final DesignValidator validator;
    private final ProblemCache problems;
    private final BiFunction<Topology, Topology, Edit> asEdit;

    /** {@code asEdit} turns the current design and a changed one into the edit that records the change. */
    DocumentContext(DesignDocument document, DesignValidator validator, BiFunction<Topology, Topology, Edit> asEdit) {
        this.document = document;
        this.validator = validator;
        this.problems = new ProblemCache(validator);
        this.asEdit = asEdit;
    }

    @Override public Topology topology() {
        return document.topology();
    }

    @Override public List<DesignProblem> problems() {
        return problems.of(document.topology());
    }

    @Override public List<DesignProblem> validate(Topology candidate) {
        return validator.validate(candidate);
    }

    @Override public boolean commit(Topology candidate) {
        return document.apply(asEdit.apply(document.topology(), candidate));
    }

    @Override public boolean apply(Edit edit) {
        return document.apply(edit);
    }
}
