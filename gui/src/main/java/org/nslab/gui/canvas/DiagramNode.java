package org.nslab.gui.canvas;

import java.util.List;

/**
 * What the canvas shows for one node, derived from the topology. Equal records render identically, which is
 * how the view finds the skins that need updating after an edit.
 *
 * @param placed false when the position comes from automatic layout rather than the design's layout
 */
public record DiagramNode(String id, NodeKind kind, double x, double y, boolean placed, String title,
                          String subtitle, List<Port> ports) {

    public static final double WIDTH = 170;
    static final double HEADER = 50;
    static final double PORT_ROW = 18;

    public DiagramNode {
        ports = List.copyOf(ports);
    }

    /** An interface of the node: a veth end, a bridge port, a TUN/TAP's own interface, a bridge's address. */
    public record Port(String name, List<String> addresses) {
        public Port {
            addresses = List.copyOf(addresses);
        }

        public String text() {
            return addresses.isEmpty() ? name : name + "  " + String.join(", ", addresses);
        }
    }

    public double width() {
        return WIDTH;
    }

    public double height() {
        return HEADER + PORT_ROW * ports.size() + (ports.isEmpty() ? 0 : 6);
    }

    public double centerX() {
        return x + WIDTH / 2;
    }

    public double centerY() {
        return y + height() / 2;
    }

    public boolean intersects(double minX, double minY, double maxX, double maxY) {
        return x < maxX && x + WIDTH > minX && y < maxY && y + height() > minY;
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= x + WIDTH && py >= y && py <= y + height();
    }

    DiagramNode at(double nx, double ny, boolean nowPlaced) {
        return new DiagramNode(id, kind, nx, ny, nowPlaced, title, subtitle, ports);
    }
}
