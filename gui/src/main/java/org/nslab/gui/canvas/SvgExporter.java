package org.nslab.gui.canvas;

import java.util.Locale;

/**
 * Writes a diagram as a standalone SVG picture with the canvas's layout: cards sized and spread as on screen,
 * one row per port with its text inside the card, links from port to port along {@link LinkRoute}.
 */
public final class SvgExporter {
    private SvgExporter() {}

    public static String svg(Diagram d) {
        double[] b = d.bounds();
        double pad = 40;
        double minX = b[0] - pad, minY = b[1] - pad;
        double w = b[2] - b[0] + 2 * pad, h = b[3] - b[1] + 2 * pad;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%.1f %.1f %.1f %.1f\" width=\"%.0f\" height=\"%.0f\""
                        + " font-family=\"DejaVu Sans, sans-serif\" font-size=\"11\">%n", minX, minY, w, h, w, h));
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#ffffff\"/>%n",
                minX, minY, w, h));
        for (DiagramLink l : d.links()) {
            double[] path = LinkRoute.points(d.nodes().get(l.a()), l.aPort(), d.nodes().get(l.b()), l.bPort());
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < path.length; i += 2) pts.append(String.format(Locale.ROOT, "%s%.1f,%.1f", i == 0 ? "" : " ", path[i], path[i + 1]));
            s.append("<polyline class=\"link\" points=\"").append(pts)
                    .append("\" fill=\"none\" stroke=\"#57606a\" stroke-width=\"2\"/>\n");
            dot(s, path[0], path[1]);
            dot(s, path[path.length - 2], path[path.length - 1]);
            if (!l.badge().isEmpty()) badge(s, LinkRoute.middle(path), l.badge());
        }
        for (DiagramNode n : d.nodes().values()) {
            s.append(String.format(Locale.ROOT,
                    "<rect class=\"card\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"8\" fill=\"%s\" stroke=\"#57606a\"/>%n",
                    n.x(), n.y(), n.width(), n.height(), fill(n.kind())));
            text(s, n.x() + DiagramNode.PADDING, n.y() + 17, n.title(), "bold", "title");
            text(s, n.x() + DiagramNode.PADDING, n.y() + 37, n.subtitle(), "normal", "subtitle");
            for (int i = 0; i < n.ports().size(); i++) {
                text(s, n.x() + DiagramNode.PADDING + DiagramNode.PORT_INDENT, n.y() + DiagramNode.portOffset(i),
                        n.ports().get(i).text(), "normal", "port");
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void dot(StringBuilder s, double x, double y) {
        s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#57606a\"/>%n", x, y));
    }

    /** The impairment badge: its text on a light rounded box centred on the link's middle, as on the canvas. */
    private static void badge(StringBuilder s, double[] at, String text) {
        double w = text.length() * 6.6 + 12, h = 18;
        s.append(String.format(Locale.ROOT,
                "<rect class=\"badge\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"9\" fill=\"#fff8c5\" stroke=\"#9a6700\"/>%n",
                at[0] - w / 2, at[1] - h / 2, w, h));
        s.append(String.format(Locale.ROOT,
                "<text class=\"badge\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" dominant-baseline=\"central\">%s</text>%n",
                at[0], at[1], escape(text)));
    }

    private static String fill(NodeKind kind) {
        return switch (kind) {
            case NAMESPACE -> "#ddf4ff";
            case HOST -> "#fff8c5";
            case BRIDGE -> "#dafbe1";
            case TUN -> "#fbefff";
        };
    }

    /** A line of text whose middle is at y (dominant-baseline), as the canvas places it. */
    private static void text(StringBuilder s, double x, double y, String text, String weight, String kind) {
        s.append(String.format(Locale.ROOT,
                "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" dominant-baseline=\"central\" font-weight=\"%s\"%s>%s</text>%n",
                kind, x, y, weight, "port".equals(kind) ? " font-family=\"DejaVu Sans Mono, monospace\"" : "", escape(text)));
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\t') out.append(c);
                }
            }
        }
        return out.toString();
    }
}
