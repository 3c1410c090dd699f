package org.nslab.gui.canvas.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.MouseEvent;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.VethEnd;
import org.nslab.gui.canvas.CaptureActions;
import org.nslab.gui.canvas.CanvasViewModel;
import org.nslab.gui.canvas.DiagramNode;
import org.nslab.gui.canvas.NodeKind;
import org.nslab.gui.document.ElementRef;

/**
 * The canvas's right-click menus: one for a node (or the selection it belongs to), one for a link, one for empty
 * canvas. A right-click first selects what it is on, so the menu's actions act on what is highlighted.
 */
final class CanvasMenus {
    private final CanvasView view;
    private final CanvasViewModel vm;
    private final ContextMenu menu = new ContextMenu();

    CanvasMenus(CanvasView view) {
        this.view = view;
        this.vm = view.viewModel();
        menu.setId("canvas-menu");
    }

    void hide() {
        menu.hide();
    }

    List<String> shownItems() {
        if (!menu.isShowing()) return List.of();
        List<String> names = new ArrayList<>();
        for (MenuItem m : menu.getItems()) if (!(m instanceof SeparatorMenuItem)) names.add(m.getText());
        return names;
    }

    void show(MouseEvent e, double x, double y, Integer link) {
        DiagramNode node = vm.diagram().nodeAt(x, y);
        if (node != null) {
            ElementRef ref = node.kind().ref(node.id());
            if (!vm.selection().contains(ref)) vm.selection().selectOnly(ref);
            menu.getItems().setAll(nodeItems());
        } else if (link != null) {
            vm.selection().selectOnly(new ElementRef.VethRef(link));
            menu.getItems().setAll(linkItems(link));
        } else {
            menu.getItems().setAll(canvasItems(x, y));
        }
        menu.show(view, e.getScreenX(), e.getScreenY());
        e.consume();
    }

    /** The menu key: the menu of the selection, at the first selected node, or the canvas's at its middle. */
    void showAtSelection() {
        List<String> ids = vm.selectedNodeIds();
        Bounds b = ids.isEmpty() ? view.localToScreen(view.getBoundsInLocal())
                : view.nodeSkin(ids.get(0)).localToScreen(view.nodeSkin(ids.get(0)).getBoundsInLocal());
        menu.getItems().setAll(ids.isEmpty() ? canvasItems(vm.viewport().centerWorldX(), vm.viewport().centerWorldY()) : nodeItems());
        menu.show(view, b.getCenterX(), b.getCenterY());
    }

    private List<MenuItem> nodeItems() {
        List<MenuItem> items = new ArrayList<>();
        if (vm.selectedNodeIds().size() == 2) items.add(item("Link the Two Nodes", vm::connectSelected));
        items.add(item("Copy", vm::copySelection));
        items.add(item("Cut", vm::cutSelection));
        items.add(item("Delete", vm::deleteSelection));
        Menu machine = machineMenu();
        if (machine != null) {
            items.add(new SeparatorMenuItem());
            items.add(machine);
        }
        List<String> ids = vm.selectedNodeIds();
        if (ids.size() == 1 && vm.diagram().nodes().get(ids.get(0)).kind() == NodeKind.NAMESPACE && view.insideActions().available(ids.get(0))) {
            String node = ids.get(0);
            items.add(new SeparatorMenuItem());
            items.add(item("Open Terminal", () -> view.insideActions().openTerminal(node)));
            items.add(item("Run Command…", () -> view.insideActions().runCommand(node)));
        }
        if (ids.size() == 1 && view.captureActions().available()) {
            List<MenuItem> captures = nodeCaptures(vm.diagram().nodes().get(ids.get(0)));
            if (!captures.isEmpty()) {
                items.add(new SeparatorMenuItem());
                items.addAll(captures);
            }
        }
        return items;
    }

    /** "Machine ▸ local / m2 / … / Automatic" for the selected nodes a machine places, and "Pin Placement". */
    private Menu machineMenu() {
        List<String> machines = vm.machines();
        if (machines.isEmpty() || vm.selectedMovableIds().isEmpty()) return null;
        Menu m = new Menu("Machine");
        m.setId("machine-menu");
        m.setMnemonicParsing(false);
        for (String name : machines) m.getItems().add(item(name, () -> vm.moveSelectionToMachine(name)));
        m.getItems().add(new SeparatorMenuItem());
        m.getItems().add(item("Automatic", () -> vm.moveSelectionToMachine(org.nslab.engine.model.Placement.AUTO)));
        if (vm.hasAutomaticPlacement()) m.getItems().add(item("Pin Placement", vm::pinPlacement));
        return m;
    }

    /** Capture on a bridge or a TUN/TAP device itself, or on each interface of a namespace's card. */
    private List<MenuItem> nodeCaptures(DiagramNode n) {
        CaptureActions capture = view.captureActions();
        Topology t = vm.document().topology();
        List<MenuItem> items = new ArrayList<>();
        switch (n.kind()) {
            case BRIDGE -> items.add(item("Capture on Bridge " + n.id() + "…", () -> capture.capture(n.id(), null)));
            case TUN -> {
                var u = t.tuns().get(n.id());
                if (u != null) {
                    String ifname = u.ifnameOr(n.id());
                    items.add(item("Capture on " + ifname + "…", () -> capture.capture(u.namespaceOrHost(), ifname)));
                }
            }
            case NAMESPACE, HOST -> {
                for (DiagramNode.Port p : n.ports()) {
                    items.add(item("Capture on " + n.id() + ":" + p.name() + "…", () -> capture.capture(n.id(), p.name())));
                }
            }
        }
        return items;
    }

    private List<MenuItem> linkItems(int link) {
        List<MenuItem> items = new ArrayList<>(List.of(item("Edit Names, Addresses and Impairments…", () -> VethDialog.edit(view, vm, link)),
                new SeparatorMenuItem(), item("Delete", vm::deleteSelection)));
        CaptureActions capture = view.captureActions();
        Topology t = vm.document().topology();
        if (capture.available() && link < t.veths().size()) {
            items.add(new SeparatorMenuItem());
            for (VethEnd e : List.of(t.veths().get(link).a(), t.veths().get(link).b())) {
                String ns = e.namespaceIn(t);
                if (ns != null && e.name() != null) items.add(item("Capture at " + CanvasView.capturePoint(t, e) + "…", () -> capture.capture(ns, e.name())));
            }
        }
        return items;
    }

    private List<MenuItem> canvasItems(double x, double y) {
        List<MenuItem> items = new ArrayList<>();
        for (NodeKind k : NodeKind.values()) {
            items.add(item("Add " + k.title() + " Here", () -> vm.addNode(k, x - DiagramNode.WIDTH / 2, y - 20)));
        }
        items.add(new SeparatorMenuItem());
        MenuItem paste = item("Paste", vm::paste);
        paste.setDisable(!vm.canPaste());
        items.add(paste);
        items.add(item("Select All", vm::selectAll));
        items.add(item("Fit to Window", view::fitToWindow));
        items.add(item("Arrange Nodes", vm::arrange));
        return items;
    }

    private static MenuItem item(String text, Runnable action) {
        MenuItem m = new MenuItem(text);
        m.setMnemonicParsing(false);
        m.setOnAction(e -> action.run());
        return m;
    }
}
