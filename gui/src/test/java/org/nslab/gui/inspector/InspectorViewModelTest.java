package org.nslab.gui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.TunMode;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Selection;
import org.nslab.gui.panels.Designs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InspectorViewModelTest {
    DesignDocument doc;
    Selection selection;
    InspectorViewModel vm;

    @BeforeEach
    void setUp() {
        doc = new DesignDocument(Designs.routerLab());
        selection = new Selection();
        vm = new InspectorViewModel(doc, selection, Designs.validator());
    }

    FieldModel field(String pointer) {
        return vm.field(pointer).filter(f -> f.pointer().equals(pointer)).orElseThrow(() -> new AssertionError("no field " + pointer));
    }

    @Test
    void typingChangesNothingUntilCommitThenOneUndoableEdit() {
        selection.selectOnly(new ElementRef.BridgeRef("br-a"));
        Topology before = doc.topology();
        FieldModel mtu = field("/bridges/br-a/mtu");
        mtu.textProperty().set("1");
        mtu.textProperty().set("14");
        mtu.textProperty().set("1400");
        assertThat(doc.topology()).isSameAs(before);
        assertThat(mtu.commit()).isTrue();
        assertThat(doc.topology().bridges().get("br-a").mtu()).isEqualTo(1400);
        assertThat(doc.undoDepth()).isEqualTo(1);
        doc.undo();
        assertThat(doc.topology()).isEqualTo(before);
        assertThat(mtu.text()).isEmpty();
    }

    @Test
    void committingTheSameValueRecordsNothing() {
        selection.selectOnly(new ElementRef.BridgeRef("br-a"));
        FieldModel ifname = field("/bridges/br-a/ifname");
        ifname.textProperty().set("");
        assertThat(ifname.commit()).isFalse();
        assertThat(doc.undoDepth()).isZero();
    }

    @Test
    void editingAVethAddressChangesThatAddressOnly() {
        selection.selectOnly(new ElementRef.VethRef(1));
        FieldModel address = field("/veths/1/a/addresses/0");
        assertThat(address.text()).isEqualTo("10.0.1.1/24");
        address.textProperty().set("10.0.1.254/24");
        address.commit();
        assertThat(doc.topology().veths().get(1).a().addresses()).containsExactly("10.0.1.254/24");
        assertThat(doc.topology().veths().get(0)).isEqualTo(Designs.routerLab().veths().get(0));
    }

    @Test
    void anInvalidAddressShowsItsProblemWhileTypingAndTheDocumentStaysUntouched() {
        selection.selectOnly(new ElementRef.VethRef(0));
        FieldModel address = field("/veths/0/a/addresses/0");
        Topology before = doc.topology();
        address.textProperty().set("10.0.1.300/24");
        assertThat(address.problem()).contains("10.0.1.300/24");
        assertThat(doc.topology()).isSameAs(before);
        address.textProperty().set("10.0.1.3/24");
        assertThat(address.problem()).isNull();
    }

    @Test
    void aCommittedInvalidAddressKeepsItsProblemAndUndoClearsIt() {
        selection.selectOnly(new ElementRef.VethRef(0));
        FieldModel address = field("/veths/0/a/addresses/0");
        address.textProperty().set("bogus");
        address.commit();
        assertThat(doc.topology().veths().get(0).a().addresses()).containsExactly("bogus");
        assertThat(address.problem()).contains("bogus");
        doc.undo();
        assertThat(address.text()).isEqualTo("10.0.1.2/24");
        assertThat(address.problem()).isNull();
    }

    @Test
    void textThatIsNotANumberIsRefusedAtTheField() {
        selection.selectOnly(new ElementRef.VethRef(0));
        FieldModel mtu = field("/veths/0/a/mtu");
        mtu.textProperty().set("big");
        assertThat(mtu.problem()).isEqualTo("MTU must be a whole number");
        assertThat(mtu.commit()).isFalse();
        assertThat(doc.undoDepth()).isZero();
    }

    @Test
    void addressesAreAddedAndRemovedAsSingleEdits() {
        selection.selectOnly(new ElementRef.BridgeRef("br-a"));
        RowsModel addresses = vm.current().sections().stream().flatMap(s -> s.lists().stream())
                .filter(l -> l.pointer().equals("/bridges/br-a/addresses")).findFirst().orElseThrow();
        addresses.newEntry().textProperty().set("10.0.1.254/24");
        addresses.newEntry().commit();
        addresses.newEntry().textProperty().set("fd00::1/64");
        addresses.newEntry().commit();
        assertThat(doc.topology().bridges().get("br-a").addresses()).containsExactly("10.0.1.254/24", "fd00::1/64");
        assertThat(addresses.rows()).hasSize(2);
        assertThat(addresses.newEntry().text()).isEmpty();
        addresses.remove(0);
        assertThat(doc.topology().bridges().get("br-a").addresses()).containsExactly("fd00::1/64");
        assertThat(doc.undoDepth()).isEqualTo(3);
    }

    @Test
    void routesAreEditedCellByCell() {
        selection.selectOnly(new ElementRef.NamespaceRef("red"));
        FieldModel via = field("/namespaces/red/routes/0/via");
        via.textProperty().set("10.0.1.254");
        via.commit();
        assertThat(doc.topology().namespaces().get("red").routes()).containsExactly(new Route("default", "10.0.1.254", null, null));
        RowsModel routes = vm.current().sections().stream().flatMap(s -> s.lists().stream())
                .filter(l -> l.title().equals("Routes")).findFirst().orElseThrow();
        routes.add();
        FieldModel to = field("/namespaces/red/routes/1/to");
        to.textProperty().set("10.9.0.0/16");
        to.commit();
        FieldModel dev = field("/namespaces/red/routes/1/dev");
        dev.textProperty().set("eth0");
        dev.commit();
        FieldModel metric = field("/namespaces/red/routes/1/metric");
        metric.textProperty().set("100");
        metric.commit();
        assertThat(doc.topology().namespaces().get("red").routes().get(1)).isEqualTo(new Route("10.9.0.0/16", null, "eth0", 100));
        routes.remove(0);
        assertThat(doc.topology().namespaces().get("red").routes()).containsExactly(new Route("10.9.0.0/16", null, "eth0", 100));
    }

    @Test
    void sysctlKeysAndValuesAreEditable() {
        selection.selectOnly(new ElementRef.NamespaceRef("router"));
        FieldModel value = field("/namespaces/router/sysctls/net.ipv4.ip_forward");
        assertThat(value.label()).isIn("Key", "Value");
        RowsModel sysctls = vm.current().sections().stream().flatMap(s -> s.lists().stream())
                .filter(l -> l.title().equals("Sysctls")).findFirst().orElseThrow();
        sysctls.rows().get(0).get(1).textProperty().set("0");
        sysctls.rows().get(0).get(1).commit();
        assertThat(doc.topology().namespaces().get("router").sysctls()).isEqualTo(Map.of("net.ipv4.ip_forward", "0"));
        sysctls.newEntry().textProperty().set("net.ipv6.conf.all.forwarding");
        sysctls.newEntry().commit();
        sysctls.rows().get(0).get(0).textProperty().set("net.ipv4.conf.all.rp_filter");
        sysctls.rows().get(0).get(0).commit();
        assertThat(doc.topology().namespaces().get("router").sysctls()).isEqualTo(
                Map.of("net.ipv4.conf.all.rp_filter", "0", "net.ipv6.conf.all.forwarding", "1"));
        assertThat(sysctls.rows().get(0).get(0).pointer()).isEqualTo("/namespaces/router/sysctls/net.ipv4.conf.all.rp_filter");
    }

    @Test
    void kernelNameIsShownNextToTheIdAndCanBeFixed() {
        selection.selectOnly(new ElementRef.NamespaceRef("red"));
        assertThat(vm.current().titleProperty().get()).isEqualTo("red");
        assertThat(vm.current().subtitleProperty().get()).isEqualTo("kernel: lab-red");
        FieldModel kernelName = field("/namespaces/red/kernelName");
        assertThat(kernelName.promptProperty().get()).isEqualTo("lab-red");
        kernelName.textProperty().set("red0");
        kernelName.commit();
        assertThat(doc.topology().namespaces().get("red").kernelName()).isEqualTo("red0");
        assertThat(vm.current().subtitleProperty().get()).isEqualTo("kernel: red0");
    }

    @Test
    void attachingAVethEndToANamespaceDetachesItFromItsBridge() {
        selection.selectOnly(new ElementRef.VethRef(0));
        FieldModel ns = field("/veths/0/b/namespace");
        assertThat(ns.choices()).contains("host", "red", "router", "blue");
        ns.set("blue");
        assertThat(doc.topology().veths().get(0).b().namespace()).isEqualTo("blue");
        assertThat(doc.topology().veths().get(0).b().bridge()).isNull();
        assertThat(field("/veths/0/b/bridge").text()).isEmpty();
        assertThat(doc.undoDepth()).isEqualTo(1);
    }

    @Test
    void tunModeOwnerAndFlagsAreFields() {
        selection.selectOnly(new ElementRef.TunRef("tap0"));
        field("/tuns/tap0/mode").set("tun");
        field("/tuns/tap0/owner").set("alice");
        field("/tuns/tap0/multiQueue").set("true");
        field("/tuns/tap0/up").set("false");
        var tun = doc.topology().tuns().get("tap0");
        assertThat(tun.mode()).isEqualTo(TunMode.TUN);
        assertThat(tun.owner()).isEqualTo("alice");
        assertThat(tun.multiQueue()).isTrue();
        assertThat(tun.up()).isFalse();
        field("/tuns/tap0/up").set("true");
        assertThat(doc.topology().tuns().get("tap0").up()).as("the default is left out of the file").isNull();
        assertThat(doc.undoDepth()).isEqualTo(5);
    }

    @Test
    void bridgeNamespaceHostIsTheDefault() {
        selection.selectOnly(new ElementRef.BridgeRef("br-b"));
        FieldModel ns = field("/bridges/br-b/namespace");
        assertThat(ns.text()).isEqualTo("host");
        ns.set("router");
        assertThat(doc.topology().bridges().get("br-b").namespace()).isEqualTo("router");
        ns.set("host");
        assertThat(doc.topology().bridges().get("br-b").namespace()).isNull();
    }

    @Test
    void multipleSelectionShowsASummary() {
        selection.selectOnly(List.of(new ElementRef.BridgeRef("br-a"), new ElementRef.BridgeRef("br-b"), new ElementRef.TunRef("tap0")));
        assertThat(vm.current()).isNull();
        assertThat(vm.summaryProperty().get()).isEqualTo("3 selected: 2 bridges, 1 TUN/TAP");
        selection.selectOnly(List.of(new ElementRef.BridgeRef("br-a"), new ElementRef.BridgeRef("br-b")));
        assertThat(vm.summaryProperty().get()).isEqualTo("2 selected: 2 bridges; all in host");
        selection.clear();
        assertThat(vm.summaryProperty().get()).isEqualTo("Nothing selected");
    }

    @Test
    void theInspectorFollowsTheSelectionAndDropsDeletedElements() {
        selection.selectOnly(new ElementRef.VethRef(3));
        assertThat(vm.current()).isInstanceOf(VethInspector.class);
        assertThat(vm.current().titleProperty().get()).isEqualTo("veth eth0 – blue-b");
        Topology t = doc.topology();
        doc.apply(new org.nslab.gui.document.Edit.SetVeth(3, t.veths().get(3), null));
        assertThat(vm.current()).isNull();
    }

    @Test
    void hostCanGetRoutesWithoutBeingDeclared() {
        selection.selectOnly(new ElementRef.NamespaceRef(Topology.HOST));
        assertThat(vm.current()).isInstanceOf(NamespaceInspector.class);
        assertThat(vm.current().allFields()).noneMatch(f -> f.pointer().endsWith("kernelName"));
        RowsModel routes = vm.current().sections().stream().flatMap(s -> s.lists().stream())
                .filter(l -> l.title().equals("Routes")).findFirst().orElseThrow();
        routes.add();
        assertThat(doc.topology().namespaces().get("host").routes()).containsExactly(new Route("default", null, null, null));
        doc.undo();
        assertThat(doc.topology().namespaces()).doesNotContainKey("host");
    }

    @Test
    void severalBridgesShareAnEditorOfWhatTheyHaveInCommon() {
        selection.selectOnly(List.of(new ElementRef.BridgeRef("br-a"), new ElementRef.BridgeRef("br-b")));
        CommonFields common = vm.commonProperty().get();
        assertThat(common.fields()).extracting(FieldModel::label).containsExactly("Namespace", "MTU", "STP");
        FieldModel mtu = common.fields().get(1);
        assertThat(mtu.text()).isEmpty();
        assertThat(mtu.promptProperty().get()).isEqualTo("1500");
        mtu.textProperty().set("9000");
        mtu.commit();
        assertThat(doc.topology().bridges().get("br-a").mtu()).isEqualTo(9000);
        assertThat(doc.topology().bridges().get("br-b").mtu()).isEqualTo(9000);
        assertThat(doc.undoDepth()).as("one step for both").isEqualTo(1);
        assertThat(mtu.text()).isEqualTo("9000");
        selection.selectOnly(new ElementRef.BridgeRef("br-a"));
        field("/bridges/br-a/mtu").set("1400");
        selection.selectOnly(List.of(new ElementRef.BridgeRef("br-a"), new ElementRef.BridgeRef("br-b")));
        FieldModel mixed = vm.commonProperty().get().fields().get(1);
        assertThat(mixed.text()).isEmpty();
        assertThat(mixed.promptProperty().get()).isEqualTo("mixed");
        doc.undo();
        doc.undo();
        assertThat(doc.topology()).isEqualTo(Designs.routerLab());
    }

    @Test
    void vethPairsShareTheSettingsOfEachEnd() {
        selection.selectOnly(List.of(new ElementRef.VethRef(0), new ElementRef.VethRef(1)));
        assertThat(vm.commonProperty().get().fields()).extracting(FieldModel::label)
                .containsSubsequence("End A Namespace", "End A Bridge", "End A MTU", "End A Up", "End A Delay (ms)",
                        "End B Namespace", "End B Bridge", "End B MTU", "End B Up", "End B Delay (ms)", "Both directions Delay (ms)")
                .doesNotContain("End A Name", "End A MAC");
        assertThat(vm.commonProperty().get().fields().stream().filter(f -> f.label().equals("End B Bridge")).findFirst()
                .orElseThrow().text()).isEqualTo("br-a");
        selection.selectOnly(List.of(new ElementRef.VethRef(0), new ElementRef.BridgeRef("br-a")));
        assertThat(vm.commonProperty().get()).as("different kinds share nothing editable").isNull();
    }

    @Test
    void anIdIsCheckedAsTypedAndRenamedEverywhereAsOneEdit() {
        // The canvas view model makes the selection follow renames, as in the main window.
        new org.nslab.gui.canvas.CanvasViewModel(doc, selection);
        selection.selectOnly(new ElementRef.BridgeRef("br-a"));
        FieldModel id = field("/bridges/br-a");
        assertThat(id.label()).isEqualTo("Id");
        assertThat(id.text()).isEqualTo("br-a");
        id.textProperty().set("Lan");
        assertThat(id.problem()).contains("not a valid bridge id");
        id.textProperty().set("blue");
        assertThat(id.problem()).isEqualTo("id \"blue\" is already used by namespace blue; namespaces, bridges and TUN devices share one id space");
        assertThat(id.commit()).isFalse();
        id.textProperty().set("a-very-long-bridge-name");
        assertThat(id.problem()).as("the design's own rule: the id is the interface name").contains("15");
        id.textProperty().set("lan");
        assertThat(id.problem()).isNull();
        Topology before = doc.topology();
        assertThat(id.commit()).isTrue();
        assertThat(doc.topology().bridges()).containsOnlyKeys("lan", "br-b");
        assertThat(doc.topology().veths().get(0).b().bridge()).isEqualTo("lan");
        assertThat(doc.undoDepth()).isEqualTo(1);
        assertThat(doc.undoLabelProperty().get()).isEqualTo("Rename br-a to lan");
        assertThat(vm.current().element()).isEqualTo(new ElementRef.BridgeRef("lan"));
        assertThat(field("/bridges/lan").text()).isEqualTo("lan");
        doc.undo();
        assertThat(doc.topology()).isEqualTo(before);
        assertThat(vm.current().element()).isEqualTo(new ElementRef.BridgeRef("br-a"));
    }

    @Test
    void theHostHasNoIdField() {
        doc.apply(new org.nslab.gui.document.Edit.SetNamespace("host", null, org.nslab.engine.model.Namespace.empty()));
        selection.selectOnly(new ElementRef.NamespaceRef("host"));
        assertThat(vm.current().allFields()).extracting(FieldModel::label).doesNotContain("Id");
        selection.selectOnly(new ElementRef.NamespaceRef("red"));
        assertThat(vm.current().allFields()).extracting(FieldModel::label).contains("Id");
    }

    @Test
    void renamingAVethEndRenamesTheRoutesThatUseIt() {
        doc.apply(new org.nslab.gui.document.Edit.SetNamespace("router", doc.topology().namespaces().get("router"),
                doc.topology().namespaces().get("router").withRoutes(List.of(new Route("10.9.0.0/16", null, "eth1", null)))));
        selection.selectOnly(new ElementRef.VethRef(2));
        FieldModel name = field("/veths/2/a/name");
        name.textProperty().set("uplink");
        assertThat(name.commit()).isTrue();
        assertThat(doc.topology().namespaces().get("router").routes().get(0).dev()).isEqualTo("uplink");
        assertThat(doc.undoLabelProperty().get()).isEqualTo("Rename interface eth1 to uplink");
        doc.undo();
        assertThat(doc.topology().namespaces().get("router").routes().get(0).dev()).isEqualTo("eth1");
    }

    @Test
    void withNothingSelectedTheLabsNameAndDescriptionAreEdited() {
        selection.selectOnly(new ElementRef.BridgeRef("br-a"));
        assertThat(vm.labProperty().get()).isNull();
        selection.clear();
        LabInspector lab = vm.labProperty().get();
        assertThat(lab).isNotNull();
        assertThat(lab.name().text()).isEqualTo("lab");
        lab.name().textProperty().set("Router Lab");
        assertThat(lab.name().problem()).contains("not a valid lab name");
        assertThat(lab.name().commit()).isFalse();
        lab.name().textProperty().set("");
        assertThat(lab.name().problem()).contains("needs a name");
        lab.name().textProperty().set("router-lab");
        assertThat(lab.name().problem()).isNull();
        assertThat(lab.name().commit()).isTrue();
        assertThat(doc.topology().name()).isEqualTo("router-lab");
        assertThat(lab.subtitleProperty().get()).contains("router-lab-<id>");
        lab.description().textProperty().set("two hosts\u0007 behind a router");
        assertThat(lab.description().problem()).contains("control character");
        lab.description().textProperty().set("  two hosts behind a router ");
        assertThat(lab.description().commit()).isTrue();
        assertThat(doc.topology().description()).isEqualTo("two hosts behind a router");
        assertThat(doc.undoDepth()).isEqualTo(2);
        assertThat(doc.undoLabelProperty().get()).isEqualTo("Change lab description");
        doc.undo();
        assertThat(lab.description().text()).isEmpty();
        doc.undo();
        assertThat(lab.name().text()).isEqualTo("lab");
        assertThat(doc.topology()).isEqualTo(Designs.routerLab());
    }
}
