package org.nslab.gui.canvas;

/**
 * The path of a link between two ports, shared by the canvas and the SVG export. Facing cards are joined edge to
 * edge by a straight line; cards above one another (their columns overlap) by a path that leaves both on their
 * right side and runs beside them, so a link never crosses either of its own cards.
 */
public final class LinkRoute {
    /** How far the path runs beside stacked cards. */
    static final double STUB = 18;

    private LinkRoute() {}

    /** The path as x0, y0, x1, y1, ...: from port {@code aPort} of a card at ax, ay (width aw) to the other. */
    public static double[] points(double ax, double ay, double aw, int aPort, double bx, double by, double bw, int bPort) {
        double ya = ay + DiagramNode.portOffset(aPort), yb = by + DiagramNode.portOffset(bPort);
        if (bx >= ax + aw) return new double[] {ax + aw, ya, bx, yb};
        if (ax >= bx + bw) return new double[] {ax, ya, bx + bw, yb};
        double side = Math.max(ax + aw, bx + bw) + STUB;
        return new double[] {ax + aw, ya, side, ya, side, yb, bx + bw, yb};
    }

    public static double[] points(DiagramNode a, int aPort, DiagramNode b, int bPort) {
        return points(a.x(), a.y(), a.width(), aPort, b.x(), b.y(), b.width(), bPort);
    }

    /** The middle of the path's middle segment, {x, y}: where a link's badge sits. */
    public static double[] middle(double[] path) {
        int segments = path.length / 2 - 1;
        int i = (segments / 2) * 2;
        return new double[] {(path[i] + path[i + 2]) / 2, (path[i + 1] + path[i + 3]) / 2};
    }

    /** Distance from a point to the path. */
    public static double distance(double[] path, double x, double y) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i + 3 < path.length; i += 2) {
            double x1 = path[i], y1 = path[i + 1], x2 = path[i + 2], y2 = path[i + 3];
            double dx = x2 - x1, dy = y2 - y1, len2 = dx * dx + dy * dy;
            double t = len2 == 0 ? 0 : Math.clamp(((x - x1) * dx + (y - y1) * dy) / len2, 0, 1);
            best = Math.min(best, Math.hypot(x1 + t * dx - x, y1 + t * dy - y));
        }
        return best;
    }
}
