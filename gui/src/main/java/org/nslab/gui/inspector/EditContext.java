package org.nslab.gui.inspector;

import java.util.List;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Edit;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.problems.DesignProblem;
import org.nslab.gui.problems.DesignValidator;

/** What the fields of one inspected element share: the document, the element, and the design's problems. */
final class EditContext implements FieldModel.Context {
    private final DesignDocument document;
    private final ElementRef element;
    private final DesignValidator validator;
    private final ProblemCache problems;

    EditContext(DesignDocument document, ElementRef element, DesignValidator validator) {
        this.document = document;
        this.element = element;
        this.validator = validator;
        this.problems = new ProblemCache(validator);
    }

    @Override public Topology topology() {
        return document.topology();
    }

    ElementRef element() {
        return element;
    }

    /** The current design's problems, computed once per state. */
    @Override public List<DesignProblem> problems() {
        return problems.of(document.topology());
    }

    @Override public List<DesignProblem> validate(Topology candidate) {
        return validator.validate(candidate);
    }

    /** Records the change from the current design to {@code candidate} as one edit of the element. */
    @Override public boolean commit(Topology candidate) {
        return document.apply(edit(element, document.topology(), candidate));
    }

    @Override public boolean apply(Edit edit) {
        return document.apply(edit);
    }

    static Edit edit(ElementRef ref, Topology before, Topology after) {
        return switch (ref) {
            case ElementRef.NamespaceRef n ->
                    new Edit.SetNamespace(n.id(), before.namespaces().get(n.id()), after.namespaces().get(n.id()));
            case ElementRef.BridgeRef b -> new Edit.SetBridge(b.id(), before.bridges().get(b.id()), after.bridges().get(b.id()));
            case ElementRef.TunRef u -> new Edit.SetTun(u.id(), before.tuns().get(u.id()), after.tuns().get(u.id()));
            case ElementRef.VethRef v ->
                    new Edit.SetVeth(v.index(), before.veths().get(v.index()), after.veths().get(v.index()));
        };
    }
}
