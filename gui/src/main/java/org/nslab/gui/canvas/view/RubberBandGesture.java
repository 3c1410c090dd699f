package org.nslab.gui.canvas.view;

import javafx.scene.input.MouseEvent;
import javafx.scene.shape.Rectangle;

/** Selects the nodes inside a dragged rectangle; with Shift or Ctrl the selection grows instead. */
final class RubberBandGesture implements Gesture {
    private final CanvasView view;
    private final double x0;
    private final double y0;
    private final boolean add;
    private final Rectangle band = new Rectangle();

    RubberBandGesture(CanvasView view, MouseEvent press) {
        this.view = view;
        this.x0 = view.worldX(press);
        this.y0 = view.worldY(press);
        this.add = press.isShiftDown() || press.isShortcutDown();
        band.getStyleClass().add("rubber-band");
        view.overlay().getChildren().add(band);
        if (!add) view.viewModel().selection().clear();
    }

    @Override
    public void drag(MouseEvent e) {
        double x = view.worldX(e), y = view.worldY(e);
        band.setX(Math.min(x0, x));
        band.setY(Math.min(y0, y));
        band.setWidth(Math.abs(x - x0));
        band.setHeight(Math.abs(y - y0));
    }

    @Override
    public void release(MouseEvent e) {
        view.overlay().getChildren().remove(band);
        double x = view.worldX(e), y = view.worldY(e);
        if (Math.abs(x - x0) > 2 || Math.abs(y - y0) > 2) view.viewModel().selectInRect(x0, y0, x, y, add);
    }

    @Override
    public void cancel() {
        view.overlay().getChildren().remove(band);
    }
}
