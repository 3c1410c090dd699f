package org.nslab.gui.canvas.view;

import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Line;
import org.nslab.gui.canvas.DiagramNode;

/**
 * Drags a rubber line from one node; releasing it on another node (or the same one) creates a veth pair. Started
 * from a card's edge without the link tool, a press that does not move is a click: it selects the node.
 */
final class ConnectGesture implements Gesture {
    private final CanvasView view;
    private final DiagramNode from;
    private final Line line = new Line();
    private final boolean clickSelects;
    private boolean moved;

    ConnectGesture(CanvasView view, DiagramNode from, boolean clickSelects) {
        this.view = view;
        this.from = from;
        this.clickSelects = clickSelects;
        line.getStyleClass().add("connect-line");
        line.setStartX(from.centerX());
        line.setStartY(from.centerY());
        line.setEndX(from.centerX());
        line.setEndY(from.centerY());
        view.overlay().getChildren().add(line);
    }

    @Override
    public void drag(MouseEvent e) {
        moved |= Math.hypot(view.worldX(e) - from.centerX(), view.worldY(e) - from.centerY()) > 0
                && !from.contains(view.worldX(e), view.worldY(e));
        line.setEndX(view.worldX(e));
        line.setEndY(view.worldY(e));
    }

    @Override
    public void release(MouseEvent e) {
        view.overlay().getChildren().remove(line);
        DiagramNode to = view.viewModel().diagram().nodeAt(view.worldX(e), view.worldY(e));
        if (clickSelects && !moved) view.viewModel().selection().selectOnly(from.kind().ref(from.id()));
        else if (to != null) view.viewModel().connect(from.id(), to.id());
    }

    @Override
    public void cancel() {
        view.overlay().getChildren().remove(line);
    }
}
