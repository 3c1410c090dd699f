package org.nslab.gui.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Veth;

/** The short text a link shows for its impairments: "40 ms · 1.5 %", or one text per direction when they differ. */
public final class ImpairmentBadge {
    private ImpairmentBadge() {}

    public static String of(Veth v) {
        Netem a = v.a() == null ? null : v.a().netem();
        Netem b = v.b() == null ? null : v.b().netem();
        if (a == null && b == null) return "";
        if (Objects.equals(a, b)) return text(a);
        return (a == null ? "–" : text(a)) + " → | ← " + (b == null ? "–" : text(b));
    }

    static String text(Netem n) {
        List<String> parts = new ArrayList<>();
        if (n.delayMs() != null && n.delayMs() > 0) {
            parts.add(number(n.delayMs()) + (n.jitterMs() != null && n.jitterMs() > 0 ? " ± " + number(n.jitterMs()) : "") + " ms");
        }
        if (n.lossPercent() != null && n.lossPercent() > 0) parts.add(number(n.lossPercent()) + " %");
        if (n.rateKbit() != null) parts.add(n.rateKbit() + " kbit/s");
        return parts.isEmpty() ? "netem" : String.join(" · ", parts);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
