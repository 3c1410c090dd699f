package org.nslab.gui.canvas;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The canvas camera: {@code screen = world × scale + translate}. Zooming keeps the world point under the
 * pointer where it is; fitting frames a rectangle with a margin.
 */
public final class Viewport {
    public static final double MIN_SCALE = 0.05;
    public static final double MAX_SCALE = 4;

    private final DoubleProperty scale = new SimpleDoubleProperty(this, "scale", 1);
    private final DoubleProperty translateX = new SimpleDoubleProperty(this, "translateX", 0);
    private final DoubleProperty translateY = new SimpleDoubleProperty(this, "translateY", 0);

    private double viewWidth = 800;
    private double viewHeight = 600;

    /** The size of the view on screen, kept up to date by the view. */
    public void setViewSize(double width, double height) {
        if (width > 0) viewWidth = width;
        if (height > 0) viewHeight = height;
    }

    public double centerWorldX() {
        return toWorldX(viewWidth / 2);
    }

    /** The world rectangle in view: {minX, minY, maxX, maxY}. */
    public double[] visibleWorld() {
        return new double[] {toWorldX(0), toWorldY(0), toWorldX(viewWidth), toWorldY(viewHeight)};
    }

    public double centerWorldY() {
        return toWorldY(viewHeight / 2);
    }

    public DoubleProperty scaleProperty() {
        return scale;
    }

    public DoubleProperty translateXProperty() {
        return translateX;
    }

    public DoubleProperty translateYProperty() {
        return translateY;
    }

    public double scale() {
        return scale.get();
    }

    public double toScreenX(double worldX) {
        return worldX * scale.get() + translateX.get();
    }

    public double toScreenY(double worldY) {
        return worldY * scale.get() + translateY.get();
    }

    public double toWorldX(double screenX) {
        return (screenX - translateX.get()) / scale.get();
    }

    public double toWorldY(double screenY) {
        return (screenY - translateY.get()) / scale.get();
    }

    /** Multiplies the scale by {@code factor}, keeping the world point at screen ({@code sx}, {@code sy}) in place. */
    public void zoomAround(double sx, double sy, double factor) {
        double wx = toWorldX(sx);
        double wy = toWorldY(sy);
        double s = Math.clamp(scale.get() * factor, MIN_SCALE, MAX_SCALE);
        scale.set(s);
        translateX.set(sx - wx * s);
        translateY.set(sy - wy * s);
    }

    public void panBy(double dx, double dy) {
        translateX.set(translateX.get() + dx);
        translateY.set(translateY.get() + dy);
    }

    /** Shows the world rectangle centred in a view of {@code width} × {@code height}, never zooming in past 1. */
    public void fit(double minX, double minY, double maxX, double maxY, double width, double height) {
        double margin = 40;
        double w = Math.max(1, maxX - minX);
        double h = Math.max(1, maxY - minY);
        double s = Math.clamp(Math.min((width - 2 * margin) / w, (height - 2 * margin) / h), MIN_SCALE, 1);
        scale.set(s);
        translateX.set((width - w * s) / 2 - minX * s);
        translateY.set((height - h * s) / 2 - minY * s);
    }
}
