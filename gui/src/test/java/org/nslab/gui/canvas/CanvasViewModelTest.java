package org.nslab.gui.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.gui.document.DesignDocument;
import org.nslab.gui.document.ElementRef;
import org.nslab.gui.document.Labs;
import org.nslab.gui.document.Selection;

class CanvasViewModelTest {
    private final DesignDocument doc = DesignDocument.untitled();
    private final CanvasViewModel vm = new CanvasViewModel(doc, new Selection());

    private void undoesAndRedoes(Consumer<CanvasViewModel> action) {
        Topology before = doc.topology();
        action.accept(vm);
        Topology after = doc.topology();
        assertThat(after).isNotEqualTo(before);
        vm.undo();
        assertThat(doc.topology()).isEqualTo(before);
        vm.redo();
        assertThat(doc.topology()).isEqualTo(after);
    }

    @Test
    void everyEditKindUndoesAndRedoes() {
        undoesAndRedoes(v -> v.addNode(NodeKind.NAMESPACE, 0, 0));
        undoesAndRedoes(v -> v.addNode(NodeKind.BRIDGE, 300, 0));
        undoesAndRedoes(v -> v.addNode(NodeKind.TUN, 600, 0));
        undoesAndRedoes(v -> v.addNode(NodeKind.HOST, 0, 300));
        undoesAndRedoes(v -> v.connect("ns1", "br1"));
        undoesAndRedoes(v -> v.connect("host", "ns1"));
        undoesAndRedoes(v -> v.moveNodes(Map.of("ns1", new Position(40, 40), "br1", new Position(340, 40))));
        undoesAndRedoes(v -> {
            v.selection().selectOnly(List.of(new ElementRef.NamespaceRef("ns1")));
            v.nudgeSelection(1, 0);
        });
        undoesAndRedoes(v -> {
            Veth old = doc.topology().veths().get(0);
            v.editVeth(0, new Veth(new VethEnd("ns1", null, "lan0", List.of("192.168.7.2/24"), null, null, null), old.b()));
        });
        undoesAndRedoes(CanvasViewModel::arrange);
        undoesAndRedoes(v -> {
            v.selection().selectOnly(List.of(new ElementRef.NamespaceRef("ns1")));
            v.copySelection();
            v.paste();
        });
        undoesAndRedoes(v -> {
            v.selectAll();
            v.deleteSelection();
        });
    }

    @Test
    void addressesComeFromThePoolAndBridgeSubnetsAreShared() {
        vm.addNode(NodeKind.NAMESPACE, 0, 0);
        vm.addNode(NodeKind.BRIDGE, 200, 0);
        vm.addNode(NodeKind.NAMESPACE, 400, 0);
        vm.addNode(NodeKind.NAMESPACE, 400, 200);
        vm.connect("ns1", "br1");
        vm.connect("ns2", "br1");
        vm.connect("ns2", "ns3");
        List<Veth> v = doc.topology().veths();
        assertThat(v.get(0).a().addresses()).containsExactly("10.0.1.1/24");
        assertThat(v.get(0).b().addresses()).isEmpty();
        assertThat(v.get(0).b().name()).isEqualTo("ns1-br1");
        assertThat(v.get(1).a().addresses()).containsExactly("10.0.1.2/24");
        assertThat(v.get(2).a().name()).isEqualTo("eth1");
        assertThat(v.get(2).a().addresses()).containsExactly("10.0.2.1/24");
        assertThat(v.get(2).b().name()).isEqualTo("eth0");
        assertThat(v.get(2).b().addresses()).containsExactly("10.0.2.2/24");
    }

    @Test
    void aTunTakesNoVeth() {
        vm.addNode(NodeKind.NAMESPACE, 0, 0);
        vm.addNode(NodeKind.TUN, 200, 0);
        assertThat(vm.connect("ns1", "tun1")).isEqualTo(-1);
        assertThat(vm.messageProperty().get()).contains("TUN/TAP");
        assertThat(doc.topology().veths()).isEmpty();
    }

    @Test
    void movesSnapToTheGridAsOneStep() {
        vm.addNode(NodeKind.NAMESPACE, 0, 0);
        vm.addNode(NodeKind.NAMESPACE, 0, 200);
        int depth = doc.undoDepth();
        vm.moveNodes(Map.of("ns1", new Position(33, 47), "ns2", new Position(12, 211)));
        assertThat(doc.topology().layout().get("ns1")).isEqualTo(new Position(40, 40));
        assertThat(doc.topology().layout().get("ns2")).isEqualTo(new Position(20, 220));
        assertThat(doc.undoDepth()).isEqualTo(depth + 1);
    }

    @Test
    void designsWithoutPositionsAreLaidOutWithoutOverlap() {
        Topology lab = Labs.routerLab().withLayout(Map.of());
        Diagram d = Diagram.of(lab);
        assertThat(d.nodes()).hasSize(5);
        List<DiagramNode> nodes = List.copyOf(d.nodes().values());
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                DiagramNode a = nodes.get(i), b = nodes.get(j);
                assertThat(a.intersects(b.x(), b.y(), b.x() + b.width(), b.y() + b.height()))
                        .as(a.id() + " overlaps " + b.id()).isFalse();
            }
        }
        assertThat(d.nodes().values()).noneMatch(DiagramNode::placed);
    }

    @Test
    void rubberBandSelectsNodesAndTheLinksBetweenThem() {
        doc.load(Labs.routerLab(), null);
        vm.selectInRect(0, 0, 520, 520, false);
        assertThat(vm.selection().selected()).contains(new ElementRef.NamespaceRef("red"),
                new ElementRef.BridgeRef("br-a"), new ElementRef.NamespaceRef("router"), new ElementRef.VethRef(0),
                new ElementRef.VethRef(1)).doesNotContain(new ElementRef.NamespaceRef("blue"), new ElementRef.VethRef(3));
    }

    @Test
    void pasteKeepsLinksBetweenCopiesAndRenamesClashingPorts() {
        doc.load(Labs.routerLab(), null);
        vm.selection().selectOnly(List.of(new ElementRef.NamespaceRef("red"), new ElementRef.BridgeRef("br-a")));
        vm.copySelection();
        vm.paste();
        Topology t = doc.topology();
        assertThat(t.namespaces()).containsKey("red2");
        assertThat(t.bridges()).containsKey("br-a2");
        Veth pasted = t.veths().get(t.veths().size() - 1);
        assertThat(pasted.a().namespace()).isEqualTo("red2");
        assertThat(pasted.b().bridge()).isEqualTo("br-a2");
        // br-a2 lives in the host like br-a, whose port is called red-a already.
        assertThat(pasted.b().name()).isNotEqualTo("red-a");
        assertThat(t.layout().get("red2")).isEqualTo(new Position(140, 140));
    }

    @Test
    void svgShowsEveryNodeAndEscapesText() {
        doc.load(Labs.routerLab().withDescription("a<b"), null);
        String svg = SvgExporter.svg(vm.diagram());
        assertThat(svg).startsWith("<svg").contains(">router<", "10.0.1.2/24<", "eth1  10.0.2.1/24");
        assertThat(svg.split("<polyline ", -1)).hasSize(5);
        assertThat(SvgExporter.escape("a<b&\"c\u0007")).isEqualTo("a&lt;b&amp;&quot;c");
    }

    @Test
    void zoomKeepsThePointUnderThePointer() {
        Viewport v = vm.viewport();
        v.panBy(37, -12);
        double wx = v.toWorldX(300), wy = v.toWorldY(200);
        v.zoomAround(300, 200, 1.7);
        assertThat(v.toWorldX(300)).isCloseTo(wx, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.toWorldY(200)).isCloseTo(wy, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.scale()).isEqualTo(1.7);
    }

    @Test
    void renamingAnEndInTheLinkDialogRenamesTheRoutesThatNameIt() {
        vm.addNode(NodeKind.NAMESPACE, 0, 0);
        vm.addNode(NodeKind.NAMESPACE, 300, 0);
        vm.connect("ns1", "ns2");
        Veth old = doc.topology().veths().get(0);
        var ns1 = doc.topology().namespaces().get("ns1");
        doc.apply(new org.nslab.gui.document.Edit.SetNamespace("ns1", ns1,
                ns1.withRoutes(List.of(new org.nslab.engine.model.Route("10.9.0.0/16", null, old.a().name(), null)))));
        vm.editVeth(0, new Veth(new VethEnd("ns1", null, "uplink", old.a().addresses(), null, null, null), old.b()));
        assertThat(doc.topology().namespaces().get("ns1").routes().get(0).dev()).isEqualTo("uplink");
        doc.undo();
        assertThat(doc.topology().namespaces().get("ns1").routes().get(0).dev()).isEqualTo(old.a().name());
        assertThat(doc.topology().veths().get(0)).isEqualTo(old);
    }
}
