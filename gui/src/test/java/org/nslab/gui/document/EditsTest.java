package org.nslab.gui.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.gui.document.ElementRef.BridgeRef;
import org.nslab.gui.document.ElementRef.NamespaceRef;
import org.nslab.gui.document.ElementRef.VethRef;

class EditsTest {

    @Test
    void deletingANamespaceDeletesItsVethsChecksAndPosition() {
        Topology lab = Labs.routerLab();
        Edit delete = Edits.delete(lab, List.of(new NamespaceRef("router")));
        Topology after = delete.apply(lab);
        assertThat(after.namespaces()).containsOnlyKeys("red", "blue");
        assertThat(after.veths()).hasSize(2).allMatch(v -> !"router".equals(v.a().namespace()));
        assertThat(after.layout()).doesNotContainKey("router");
        assertThat(delete.label()).isEqualTo("Delete namespace router");
        assertThat(delete.inverted().apply(after)).isEqualTo(lab);
    }

    @Test
    void deletingSeveralVethsAndABridgeInvertsExactly() {
        Topology lab = Labs.routerLab();
        Edit delete = Edits.delete(lab, List.of(new VethRef(0), new VethRef(3), new BridgeRef("br-b")));
        Topology after = delete.apply(lab);
        assertThat(after.bridges()).containsOnlyKeys("br-a");
        assertThat(after.veths()).hasSize(1);
        assertThat(after.veths().get(0).a().namespace()).isEqualTo("router");
        assertThat(after.veths().get(0).a().name()).isEqualTo("eth0");
        assertThat(delete.inverted().apply(after)).isEqualTo(lab);
    }

    @Test
    void deletingRedRemovesTheCheckRunFromIt() {
        Topology lab = Labs.routerLab();
        Topology after = Edits.delete(lab, List.of(new NamespaceRef("red"))).apply(lab);
        assertThat(after.checks()).isEmpty();
    }

    @Test
    void renamingANamespaceFollowsEveryReference() {
        Topology lab = Labs.routerLab();
        Edit rename = Edits.renameNode(lab, "red", "green");
        Topology after = rename.apply(lab);
        assertThat(after.namespaces()).containsKey("green").doesNotContainKey("red");
        assertThat(after.veths().get(0).a().namespace()).isEqualTo("green");
        assertThat(after.checks().get(0).from()).isEqualTo("green");
        assertThat(after.layout()).containsKey("green").doesNotContainKey("red");
        assertThat(rename.inverted().apply(after)).isEqualTo(lab);
    }

    @Test
    void renamingABridgeFollowsItsPorts() {
        Topology lab = Labs.routerLab();
        Topology after = Edits.renameNode(lab, "br-a", "lan").apply(lab);
        assertThat(after.bridges()).containsOnlyKeys("lan", "br-b");
        assertThat(after.veths().get(0).b().bridge()).isEqualTo("lan");
        assertThat(after.veths().get(1).b().bridge()).isEqualTo("lan");
    }
}
