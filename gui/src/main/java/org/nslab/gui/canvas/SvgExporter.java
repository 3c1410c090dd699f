package org.nslab.gui.canvas;

import java.util.Locale;

/** Writes a diagram as a standalone SVG picture: nodes as cards with their ports, links with end labels. */
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
            DiagramNode a = d.nodes().get(l.a());
            DiagramNode z = d.nodes().get(l.b());
            s.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#57606a\" stroke-width=\"2\"/>%n",
                    a.centerX(), a.centerY(), z.centerX(), z.centerY()));
            label(s, a, z, l.aLabel());
            label(s, z, a, l.bLabel());
        }
        for (DiagramNode n : d.nodes().values()) {
            s.append(String.format(Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"8\" fill=\"%s\" stroke=\"#57606a\"/>%n",
                    n.x(), n.y(), n.width(), n.height(), fill(n.kind())));
            text(s, n.x() + 10, n.y() + 18, n.title(), "bold");
            text(s, n.x() + 10, n.y() + 34, n.subtitle(), "normal");
            double y = n.y() + DiagramNode.HEADER + 12;
            for (DiagramNode.Port p : n.ports()) {
                text(s, n.x() + 14, y, p.text(), "normal");
                y += DiagramNode.PORT_ROW;
            }
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void label(StringBuilder s, DiagramNode from, DiagramNode to, String text) {
        double x = from.centerX() + (to.centerX() - from.centerX()) * 0.3;
        double y = from.centerY() + (to.centerY() - from.centerY()) * 0.3;
        for (String line : text.split("\n")) {
            text(s, x, y, line, "normal");
            y += 13;
        }
    }

    private static String fill(NodeKind kind) {
        return switch (kind) {
            case NAMESPACE -> "#ddf4ff";
            case HOST -> "#fff8c5";
            case BRIDGE -> "#dafbe1";
            case TUN -> "#fbefff";
        };
    }

    private static void text(StringBuilder s, double x, double y, String text, String weight) {
        s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"%s\">%s</text>%n", x, y, weight,
                escape(text)));
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
