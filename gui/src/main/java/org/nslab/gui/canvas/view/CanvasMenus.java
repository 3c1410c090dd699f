package org.nslab.gui.canvas.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.MouseEvent;
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
        return items;
    }

    private List<MenuItem> linkItems(int link) {
        return List.of(item("Edit Names and Addresses…", () -> VethDialog.edit(view, vm, link)),
                new SeparatorMenuItem(), item("Delete", vm::deleteSelection));
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
