package org.nslab.gui.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;

/** WCAG 2 contrast of the text drawn under a node against what it is drawn on. */
final class Contrast {
    private Contrast() {}

    /** One drawn text and its contrast. */
    record Sample(String text, Color fill, Color background, double ratio, String where) {
        @Override
        public String toString() {
            return String.format("%.2f:1 \"%s\" %s on %s in %s", ratio, text, fill, background, where);
        }
    }

    /** Every visible, enabled text under {@code root} (prompt texts of empty fields left out). */
    static List<Sample> samples(Parent root) {
        List<Sample> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<Sample> out) {
        if (!n.isVisible() || n.getOpacity() == 0 || n.isDisabled()) return;
        // Icons (Ikonli's are Text) are not text: WCAG asks 3:1 of them, and the theme's emphasis colours give that.
        if (n instanceof Text t && !(n instanceof org.kordamp.ikonli.javafx.FontIcon) && t.getText() != null && !t.getText().isBlank() && t.getFill() instanceof Color fill
                && !isPrompt(t)) {
            Color bg = background(t);
            if (bg != null) out.add(new Sample(t.getText(), fill, bg, ratio(fill, bg), path(t)));
        }
        if (n instanceof Parent p) for (Node c : p.getChildrenUnmodifiable()) collect(c, out);
    }

    private static boolean isPrompt(Text t) {
        for (Node p = t.getParent(); p != null; p = p.getParent()) {
            if (p instanceof TextInputControl input) return input.getText() == null || input.getText().isEmpty();
        }
        return false;
    }

    /** The colour of the nearest opaque background behind the node. */
    static Color background(Node n) {
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p instanceof Region r && r.getBackground() != null) {
                List<BackgroundFill> fills = r.getBackground().getFills();
                for (int i = fills.size() - 1; i >= 0; i--) {
                    if (fills.get(i).getFill() instanceof Color c && c.getOpacity() > 0.9) return c;
                }
            }
        }
        return null;
    }

    static double ratio(Color a, Color b) {
        double la = luminance(a), lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static String path(Node n) {
        StringBuilder s = new StringBuilder();
        for (Node p = n.getParent(); p != null && s.length() < 200; p = p.getParent()) {
            if (p instanceof Control || p.getId() != null || !p.getStyleClass().isEmpty()) {
                s.append(p.getId() != null ? "#" + p.getId() : p.getClass().getSimpleName() + p.getStyleClass()).append(" < ");
            }
        }
        return s.toString();
    }
}
