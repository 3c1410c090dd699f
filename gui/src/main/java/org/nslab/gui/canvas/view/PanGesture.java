package org.nslab.gui.canvas.view;

import javafx.scene.input.MouseEvent;
import org.nslab.gui.canvas.Viewport;

/** Moves the camera with the pointer (middle button, or primary button while Space is held). */
final class PanGesture implements Gesture {
    private final Viewport viewport;
    private double lastX;
    private double lastY;

    PanGesture(Viewport viewport, MouseEvent press) {
        this.viewport = viewport;
        this.lastX = press.getX();
        this.lastY = press.getY();
    }

    @Override
    public void drag(MouseEvent e) {
        viewport.panBy(e.getX() - lastX, e.getY() - lastY);
        lastX = e.getX();
        lastY = e.getY();
    }

    @Override
    public void release(MouseEvent e) {}
}
