package org.nslab.gui.canvas.view;

import java.util.HashMap;
import java.util.Map;
import javafx.scene.input.MouseEvent;
import org.nslab.engine.model.Position;
import org.nslab.gui.canvas.CanvasViewModel;
import org.nslab.gui.canvas.DiagramNode;

/**
 * Drags the selected nodes. While dragging only the skins move (links follow by binding); the release commits
 * one move edit for the whole drag.
 */
final class MoveGesture implements Gesture {
    private final CanvasView view;
    private final CanvasViewModel vm;
    private final double startX;
    private final double startY;
    private final Map<String, DiagramNode> moving = new HashMap<>();
    private boolean moved;

    MoveGesture(CanvasView view, MouseEvent press) {
        this.view = view;
        this.vm = view.viewModel();
        this.startX = view.worldX(press);
        this.startY = view.worldY(press);
        for (String id : vm.selectedNodeIds()) moving.put(id, vm.diagram().nodes().get(id));
    }

    @Override
    public void drag(MouseEvent e) {
        moveBy(view.worldX(e) - startX, view.worldY(e) - startY);
    }

    /** Moves the skins by a world offset; also used by the benchmark to time one frame of a drag. */
    void moveBy(double dx, double dy) {
        moved |= dx != 0 || dy != 0;
        moving.forEach((id, n) -> {
            NodeSkin skin = view.skin(id);
            if (skin != null) skin.relocate(n.x() + dx, n.y() + dy);
        });
    }

    @Override
    public void release(MouseEvent e) {
        if (!moved) return;
        Map<String, Position> to = new HashMap<>();
        moving.forEach((id, n) -> {
            NodeSkin skin = view.skin(id);
            if (skin != null) to.put(id, new Position(skin.getLayoutX(), skin.getLayoutY()));
        });
        vm.moveNodes(to);
    }

    @Override
    public void cancel() {
        moving.forEach((id, n) -> {
            NodeSkin skin = view.skin(id);
            if (skin != null) skin.relocate(n.x(), n.y());
        });
    }
}
