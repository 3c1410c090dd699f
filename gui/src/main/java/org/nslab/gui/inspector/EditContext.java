package org.nslab.gui.inspector;

import org.nslab.engine.model.Topology;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.Edit;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.problems.DesignValidator;

/** What the fields of one inspected element share: a {@link DocumentContext} whose changes are edits of the element. */
final class EditContext extends DocumentContext {
    private final ElementRef element;

    EditContext(DesignDocument document, ElementRef element, DesignValidator validator) {
        super(document, validator, (before, after) -> edit(element, before, after));
        this.element = element;
    }

    ElementRef element() {
        return element;
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
