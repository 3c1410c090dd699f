package org.nslab.helper.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/** Turns measurements into the printed table, a CSV, a Markdown table and a PNG plot of time against size. */
final class BenchReport {
    private static final List<String> SYSTEMS = List.of("nslab", "script", "ip-batch", "mininet");
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0x7f7f7f)
    };

    private final List<Measurement> rows;

    BenchReport(List<Measurement> rows) {
        this.rows = List.copyOf(rows);
    }

    /** Ratios are against nslab in the same shape and size: how many times longer the other system took. */
    String table() {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-8s %6s %-10s %10s %10s %11s %9s %13s %12s %12s%n",
                "shape", "size", "system", "apply s", "links-up s", "teardown s", "settle s", "apply ms/ns", "apply ratio", "total ratio"));
        for (Measurement m : rows) {
            Optional<Measurement> ours = nslab(m);
            out.append(String.format(Locale.ROOT, "%-8s %6d %-10s %10.3f %10.3f %11.3f %9.3f %13.3f %12s %12s%n",
                    m.shape(), m.size(), m.system(), m.apply(), m.linksUp(), m.teardown(), m.settle(), m.applyMillisPerNamespace(),
                    ours.map(o -> ratio(m.apply() / o.apply())).orElse("-"),
                    ours.map(o -> ratio(m.total() / o.total())).orElse("-")));
        }
        return out.toString();
    }

    String csv() {
        StringBuilder out = new StringBuilder("shape,size,system,namespaces,apply_s,links_up_s,teardown_s,settle_s\n");
        for (Measurement m : rows) {
            out.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%.6f,%.6f,%.6f,%.6f%n", m.shape(), m.size(), m.system(), m.namespaces(),
                    m.apply(), m.linksUp(), m.teardown(), m.settle()));
        }
        return out.toString();
    }

    void write(Path folder, String machine) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("results.csv"), csv());
        Files.writeString(folder.resolve("results.txt"), machine + "\n\n" + table());
        ImageIO.write(plot(), "png", folder.resolve("plot.png").toFile());
    }

    private Optional<Measurement> nslab(Measurement m) {
        return rows.stream().filter(o -> o.system().equals("nslab") && o.shape().equals(m.shape()) && o.size() == m.size())
                .findFirst();
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.1fx", r);
    }

    /** One panel per shape: apply + teardown seconds against size, both on log scales, a line per system. */
    BufferedImage plot() {
        Map<String, Map<String, List<Measurement>>> byShape = new TreeMap<>();
        for (Measurement m : rows) {
            byShape.computeIfAbsent(m.shape(), k -> new TreeMap<>()).computeIfAbsent(m.system(), k -> new ArrayList<>()).add(m);
        }
        int panelW = 420;
        int panelH = 340;
        int panels = Math.max(1, byShape.size());
        BufferedImage image = new BufferedImage(panelW * panels, panelH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        double minX = rows.stream().mapToDouble(Measurement::size).min().orElse(1);
        double maxX = rows.stream().mapToDouble(Measurement::size).max().orElse(10);
        double minY = rows.stream().mapToDouble(Measurement::total).filter(v -> v > 0).min().orElse(0.001);
        double maxY = rows.stream().mapToDouble(Measurement::total).max().orElse(1);
        int i = 0;
        for (var shape : byShape.entrySet()) {
            drawPanel(g, i++ * panelW, panelW, panelH, shape.getKey(), shape.getValue(),
                    Math.log10(minX), Math.log10(Math.max(maxX, minX * 10)), Math.floor(Math.log10(minY)), Math.ceil(Math.log10(maxY)));
        }
        g.dispose();
        return image;
    }

    private static void drawPanel(Graphics2D g, int x0, int w, int h, String shape, Map<String, List<Measurement>> systems,
                                  double lx0, double lx1, double ly0, double ly1) {
        int left = x0 + 60;
        int right = x0 + w - 15;
        int top = 35;
        int bottom = h - 45;
        if (ly1 <= ly0) ly1 = ly0 + 1;
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(shape + ": apply + teardown (s) vs size", left, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawRect(left, top, right - left, bottom - top);
        for (double d = ly0; d <= ly1; d++) {
            int y = (int) (bottom - (d - ly0) / (ly1 - ly0) * (bottom - top));
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, right, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%g", Math.pow(10, d)), x0 + 5, y + 4);
        }
        for (double d = Math.ceil(lx0); d <= lx1; d++) {
            int x = (int) (left + (d - lx0) / (lx1 - lx0) * (right - left));
            g.drawString(String.format(Locale.ROOT, "%.0f", Math.pow(10, d)), x - 10, bottom + 15);
        }
        int legend = 0;
        for (var system : systems.entrySet()) {
            int index = SYSTEMS.indexOf(system.getKey());
            g.setColor(PALETTE[index < 0 ? PALETTE.length - 1 : index]);
            g.setStroke(new BasicStroke(2f));
            int px = -1;
            int py = -1;
            for (Measurement m : system.getValue()) {
                int x = (int) (left + (Math.log10(m.size()) - lx0) / (lx1 - lx0) * (right - left));
                int y = (int) (bottom - (Math.log10(Math.max(m.total(), Math.pow(10, ly0))) - ly0) / (ly1 - ly0) * (bottom - top));
                g.fillOval(x - 3, y - 3, 7, 7);
                if (px >= 0) g.drawLine(px, py, x, y);
                px = x;
                py = y;
            }
            g.drawString(system.getKey(), left + 8, top + 15 + 14 * legend++);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawString("size (namespaces or hosts)", left + 80, h - 12);
    }
}
