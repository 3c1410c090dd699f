package org.nslab.gui.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.ElementRef.BridgeRef;
import org.nslab.gui.document.ElementRef.NamespaceRef;
import org.nslab.gui.document.ElementRef.VethRef;

class SelectionTest {

    @Test
    void refsSortByKindThenIdOrIndex() {
        Selection s = new Selection();
        s.addAll(List.of(new VethRef(2), new BridgeRef("a"), new NamespaceRef("z"), new VethRef(0), new NamespaceRef("b")));
        assertThat(s.selected()).containsExactly(new NamespaceRef("b"), new NamespaceRef("z"), new BridgeRef("a"),
                new VethRef(0), new VethRef(2));
    }

    @Test
    void toggleAddsAndRemovesAndKeepsAPrimary() {
        Selection s = new Selection();
        s.selectOnly(new NamespaceRef("red"));
        s.toggle(new NamespaceRef("blue"));
        assertThat(s.primary()).isEqualTo(new NamespaceRef("blue"));
        s.toggle(new NamespaceRef("blue"));
        assertThat(s.selected()).containsExactly(new NamespaceRef("red"));
        assertThat(s.primary()).isEqualTo(new NamespaceRef("red"));
    }

    @Test
    void retainExistingDropsDeletedElements() {
        Topology lab = Labs.routerLab();
        Selection s = new Selection();
        s.selectOnly(List.of(new NamespaceRef("red"), new VethRef(3), new NamespaceRef("host")));
        Topology after = Edits.delete(lab, List.of(new NamespaceRef("red"))).apply(lab);
        s.retainExisting(after);
        assertThat(s.selected()).containsExactly(new NamespaceRef("host"));
    }
}
