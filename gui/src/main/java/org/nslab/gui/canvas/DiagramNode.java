package org.nslab.gui.canvas;

import java.util.List;

/**
 * What the canvas shows for one node, derived from the topology. Equal records render identically, which is
 * how the view finds the skins that need updating after an edit.
 *
 * <p>A card is as wide as its longest line needs (see {@link #widthFor}), so no address is cut. Each interface is
 * one row, a port: links attach to the card's edge at their port's row, and the interface's name and addresses
 * are written inside the card, so no text of one card can lie under another.
 *
 * @param placed false when the position comes from automatic layout rather than the design's layout
 * @param machine the machine the node runs on when the design has {@code machines} (null otherwise, and for the
 *                host, which is every machine's own namespace)
 * @param autoPlaced whether nslab chose that machine ({@code "machine": "*"}, see {@code model.Placement})
 */
public record DiagramNode(String id, NodeKind kind, double x, double y, boolean placed, String title,
                          String subtitle, List<Port> ports, double width, String machine, boolean autoPlaced) {

    /** The narrowest card. */
    public static final double WIDTH = 170;
    public static final double PADDING = 8;
    /** Where the ports start, from the card's top. */
    public static final double HEADER = 50;
    public static final double PORT_ROW = 18;
    /** Left inset of a port's text, after the padding. */
    public static final double PORT_INDENT = 6;
    /**
     * Generous advance widths of the card's fonts (bold title, smaller subtitle, monospace ports at the sizes of
     * designer.css), so that text always fits; {@code CardLayoutUiTest} measures the real text against them.
     */
    static final double TITLE_CHAR = 9.0;
    static final double SUBTITLE_CHAR = 7.0;
    static final double PORT_CHAR = 7.6;
    static final double ICON = 26;
    /** Space between the title and the badge at the card's right edge. */
    public static final double BADGE_GAP = 10;

    /** How many of a namespace's {@code run} processes are up, as its card shows after status: "run 2/3". */
    public static String runBadge(int running, int declared) {
        return "run " + running + "/" + declared;
    }

    public DiagramNode {
        ports = List.copyOf(ports);
    }

    public DiagramNode(String id, NodeKind kind, double x, double y, boolean placed, String title, String subtitle,
                       List<Port> ports) {
        this(id, kind, x, y, placed, title, subtitle, ports, widthFor(title, subtitle, ports), null, false);
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

    static double widthFor(String title, String subtitle, List<Port> ports) {
        return widthFor(title, subtitle, ports, "");
    }

    /**
     * The width for these lines, with room on the title's line for {@code badge} (the widest text the node's
     * status badge can show, see {@link #runBadge}), so that the badge never lies on the title.
     */
    static double widthFor(String title, String subtitle, List<Port> ports, String badge) {
        double titleLine = 2 * PADDING + ICON + TITLE_CHAR * title.length() + (badge.isEmpty() ? 0 : BADGE_GAP + SUBTITLE_CHAR * badge.length());
        double w = Math.max(titleLine, 2 * PADDING + SUBTITLE_CHAR * subtitle.length());
        for (Port p : ports) w = Math.max(w, 2 * PADDING + PORT_INDENT + PORT_CHAR * p.text().length());
        return Math.max(WIDTH, Math.ceil(w / 10) * 10);
    }

    public double height() {
        return HEADER + PORT_ROW * ports.size() + (ports.isEmpty() ? 0 : 8);
    }

    /** The middle of port {@code i}'s row, from the card's top: where its links attach. */
    public static double portOffset(int i) {
        return HEADER + 4 + PORT_ROW * (i + 0.5);
    }

    public double centerX() {
        return x + width / 2;
    }

    public double centerY() {
        return y + height() / 2;
    }

    public boolean intersects(double minX, double minY, double maxX, double maxY) {
        return x < maxX && x + width > minX && y < maxY && y + height() > minY;
    }

    public boolean contains(double px, double py) {
        return px >= x && px <= x + width && py >= y && py <= y + height();
    }

    DiagramNode at(double nx, double ny, boolean nowPlaced) {
        return new DiagramNode(id, kind, nx, ny, nowPlaced, title, subtitle, ports, width, machine, autoPlaced);
    }
}
