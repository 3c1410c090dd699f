package org.nslab.gui.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.TunMode;
import org.nslab.engine.model.Veth;
import org.nslab.engine.validate.Validator;

class RenamesTest {

    static Rule inOut(String in, String out) {
        return new Rule(null, null, null, in, out, null, null, null, null, null, "ACCEPT", null, null, null, null, null, null, null);
    }

    static Firewall forward(Rule... rules) {
        return Firewall.of(Map.of("filter", Map.of("FORWARD", new Chain("DROP", List.of(rules)))));
    }

    /**
     * The router lab with everything that can refer to a name: the router routes and filters by interface, a TAP
     * and a bridge live in the router, and the host filters by the host bridge's interface.
     */
    static Topology lab() {
        Topology t = Labs.routerLab();
        Namespace router = t.namespaces().get("router")
                .withRoutes(List.of(new Route("10.9.0.0/16", null, "eth1", null), new Route("10.8.0.0/16", null, "inner", null),
                        new Route("10.7.0.0/16", null, "tap0", null)))
                .withFirewall(forward(inOut("eth0", "eth1"), inOut("eth+", "inner")))
                .withFirewall6(forward(inOut("eth1", null)));
        Namespace host = Namespace.empty().withRoutes(List.of(new Route("10.0.1.0/24", null, "br-a", null)))
                .withFirewall(forward(inOut("br-a", "br-b")));
        Map<String, Namespace> namespaces = new java.util.HashMap<>(t.namespaces());
        namespaces.put("router", router);
        namespaces.put("host", host);
        Map<String, Bridge> bridges = new java.util.HashMap<>(t.bridges());
        bridges.put("inner", new Bridge("router", null, List.of("10.8.0.1/24"), null, null));
        return t.withNamespaces(namespaces).withBridges(bridges)
                .withTuns(Map.of("tap0", new Tun("router", TunMode.TAP, null, List.of(), null, null, null, null)));
    }

    @Test
    void renamingANamespaceMovesWhatLivesInItAndWhatRunsFromIt() {
        Topology t = lab();
        Topology after = Renames.node(t, "router", "core");
        assertThat(after.namespaces()).containsKey("core").doesNotContainKey("router");
        assertThat(after.namespaces().get("core")).isEqualTo(t.namespaces().get("router"));
        assertThat(after.veths().get(1).a().namespace()).isEqualTo("core");
        assertThat(after.veths().get(2).a().namespace()).isEqualTo("core");
        assertThat(after.bridges().get("inner").namespace()).isEqualTo("core");
        assertThat(after.tuns().get("tap0").namespace()).isEqualTo("core");
        assertThat(after.layout()).containsKey("core").doesNotContainKey("router");
        assertThat(Renames.node(after, "core", "router")).isEqualTo(t);

        Topology red = Renames.node(t, "red", "pink");
        assertThat(red.checks().get(0).from()).isEqualTo("pink");
        assertThat(Validator.validate(red)).isEqualTo(Validator.validate(t));
    }

    @Test
    void renamingABridgeWithoutIfnameRenamesItsInterfaceWhereverItIsNamed() {
        Topology t = lab();
        Topology after = Renames.node(t, "br-a", "lan");
        assertThat(after.bridges()).containsKey("lan").doesNotContainKey("br-a");
        assertThat(after.veths().get(0).b().bridge()).isEqualTo("lan");
        assertThat(after.veths().get(1).b().bridge()).isEqualTo("lan");
        Namespace host = after.namespaces().get("host");
        assertThat(host.routes().get(0).dev()).isEqualTo("lan");
        Rule rule = host.firewall().tables().get("filter").get("FORWARD").rules().get(0);
        assertThat(rule.in()).isEqualTo("lan");
        assertThat(rule.out()).as("another bridge").isEqualTo("br-b");
        assertThat(after.layout()).containsKey("lan");

        Topology inner = Renames.node(t, "inner", "dmz");
        Namespace router = inner.namespaces().get("router");
        assertThat(router.routes()).extracting(Route::dev).containsExactly("eth1", "dmz", "tap0");
        assertThat(router.firewall().tables().get("filter").get("FORWARD").rules())
                .extracting(Rule::in, Rule::out).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("eth0", "eth1"), org.assertj.core.groups.Tuple.tuple("eth+", "dmz"));
        assertThat(inner.namespaces().get("host")).as("the host has no interface of that name").isEqualTo(t.namespaces().get("host"));
    }

    @Test
    void aBridgeWithItsOwnIfnameKeepsTheReferencesToIt() {
        Topology t = lab();
        Map<String, Bridge> bridges = new java.util.HashMap<>(t.bridges());
        bridges.put("br-a", new Bridge(null, "br-a", List.of(), null, null));
        Topology fixed = t.withBridges(bridges);
        Topology after = Renames.node(fixed, "br-a", "lan");
        assertThat(after.namespaces()).isEqualTo(fixed.namespaces());
        assertThat(after.bridges().get("lan").ifname()).isEqualTo("br-a");
    }

    @Test
    void renamingATunWithoutIfnameRenamesItsRoutes() {
        Topology after = Renames.node(lab(), "tap0", "tap9");
        assertThat(after.tuns()).containsOnlyKeys("tap9");
        assertThat(after.namespaces().get("router").routes().get(2).dev()).isEqualTo("tap9");
    }

    @Test
    void renamingAVethEndRenamesRoutesAndRulesOfItsNamespaceOnly() {
        Topology t = lab();
        Topology after = Renames.vethEnd(t, 2, "a", "uplink");
        assertThat(after.veths().get(2).a().name()).isEqualTo("uplink");
        Namespace router = after.namespaces().get("router");
        assertThat(router.routes().get(0).dev()).isEqualTo("uplink");
        assertThat(router.firewall().tables().get("filter").get("FORWARD").rules().get(0).out()).isEqualTo("uplink");
        assertThat(router.firewall6().tables().get("filter").get("FORWARD").rules().get(0).in()).isEqualTo("uplink");
        assertThat(router.firewall().tables().get("filter").get("FORWARD").rules().get(0).in()).isEqualTo("eth0");
        assertThat(after.namespaces().get("blue")).isEqualTo(t.namespaces().get("blue"));
    }

    @Test
    void aBridgePortCountsInTheBridgesNamespace() {
        Topology t = lab();
        Map<String, Namespace> namespaces = new java.util.HashMap<>(t.namespaces());
        namespaces.put("host", Namespace.empty().withRoutes(List.of(new Route("10.5.0.0/16", null, "red-a", null))));
        Topology after = Renames.vethEnd(t.withNamespaces(namespaces), 0, "b", "red-port");
        assertThat(after.namespaces().get("host").routes().get(0).dev()).isEqualTo("red-port");
    }

    @Test
    void changingAnIfnameRenamesReferencesToTheOldEffectiveName() {
        Topology t = lab();
        Topology named = Renames.bridgeIfname(t, "inner", "br-inner");
        assertThat(named.namespaces().get("router").routes().get(1).dev()).isEqualTo("br-inner");
        assertThat(Renames.bridgeIfname(named, "inner", null)).isEqualTo(t);
        Topology tun = Renames.tunIfname(t, "tap0", "vpn0");
        assertThat(tun.namespaces().get("router").routes().get(2).dev()).isEqualTo("vpn0");
    }

    @Test
    void hostAndTakenIdsAreRefused() {
        assertThatThrownBy(() -> Renames.node(lab(), "host", "machine")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Renames.node(lab(), "red", "blue")).hasMessageContaining("taken");
        assertThatThrownBy(() -> Renames.node(lab(), "red", "host")).hasMessageContaining("taken");
    }

    @Test
    void renameNodeIsOneEditThatUndoesExactly() {
        Topology t = lab();
        Edit rename = Edits.renameNode(t, "br-a", "lan");
        assertThat(rename).isInstanceOf(Edit.RenameNode.class);
        assertThat(rename.label()).isEqualTo("Rename br-a to lan");
        Topology after = rename.apply(t);
        assertThat(after).isEqualTo(Renames.node(t, "br-a", "lan"));
        assertThat(rename.inverted().apply(after)).isEqualTo(t);
        assertThat(((Edit.RenameNode) rename.inverted()).newId()).isEqualTo("br-a");
    }

    @Test
    void betweenRecordsOnlyTheElementsThatDiffer() {
        Topology t = lab();
        Topology after = Renames.vethEnd(t, 2, "a", "uplink");
        Edit.Compound edit = Edits.between("x", t, after);
        assertThat(edit.edits()).hasSize(2);
        assertThat(edit.apply(t)).isEqualTo(after);
        assertThat(edit.inverted().apply(after)).isEqualTo(t);
        assertThat(Edits.between("x", t, t).isEmpty()).isTrue();
    }

    @Test
    void theSelectionFollowsARenameAndItsUndo() {
        DesignDocument doc = new DesignDocument(lab());
        Selection selection = new Selection();
        new org.nslab.gui.canvas.CanvasViewModel(doc, selection);
        selection.selectOnly(List.of(new ElementRef.BridgeRef("br-a"), new ElementRef.VethRef(0)));
        selection.add(new ElementRef.BridgeRef("br-a"));
        doc.apply(Edits.renameNode(doc.topology(), "br-a", "lan"));
        assertThat(selection.selected()).containsExactly(new ElementRef.BridgeRef("lan"), new ElementRef.VethRef(0));
        assertThat(selection.primary()).isEqualTo(new ElementRef.BridgeRef("lan"));
        doc.undo();
        assertThat(selection.selected()).containsExactly(new ElementRef.BridgeRef("br-a"), new ElementRef.VethRef(0));
        doc.redo();
        assertThat(selection.primary()).isEqualTo(new ElementRef.BridgeRef("lan"));
    }

    @Test
    void lastChangeIsTheEditAsApplied() {
        DesignDocument doc = new DesignDocument(lab());
        Edit e = Edits.renameNode(doc.topology(), "red", "pink");
        doc.apply(e);
        assertThat(doc.lastChange()).isEqualTo(e);
        doc.undo();
        assertThat(doc.lastChange()).isEqualTo(e.inverted());
        doc.load(lab(), null);
        assertThat(doc.lastChange()).isNull();
    }

    @Test
    void unrelatedElementsAreUntouched() {
        Topology t = lab();
        Topology after = Renames.node(t, "blue", "azure");
        assertThat(after.veths().subList(0, 3)).isEqualTo(t.veths().subList(0, 3));
        assertThat(after.bridges()).isEqualTo(t.bridges());
        Veth v = after.veths().get(3);
        assertThat(v.a().namespace()).isEqualTo("azure");
        assertThat(v.b()).isEqualTo(t.veths().get(3).b());
    }
}
