package org.nslab.gui.document;

import java.math.BigDecimal;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.nslab.engine.model.Netem;

/**
 * The impairments of one veth end as the designer edits them, one field each: the format's key (the last token of
 * the field's JSON pointer), its label, and its text read from and written into a {@link Netem}. Text only has to
 * be a number here; ranges and combinations are the engine validator's to judge, at the field's pointer.
 */
public enum NetemField {
    DELAY("delayMs", "Delay (ms)", false, Netem::delayMs, (n, v) -> n.withDelayMs(decimal(v))),
    JITTER("jitterMs", "Jitter (ms)", false, Netem::jitterMs, (n, v) -> n.withJitterMs(decimal(v))),
    LOSS("lossPercent", "Loss (%)", false, Netem::lossPercent, (n, v) -> n.withLossPercent(decimal(v))),
    RATE("rateKbit", "Rate (kbit/s)", true, Netem::rateKbit, (n, v) -> n.withRateKbit(whole(v))),
    DUPLICATE("duplicatePercent", "Duplicate (%)", false, Netem::duplicatePercent,
            (n, v) -> new Netem(n.delayMs(), n.jitterMs(), n.lossPercent(), n.rateKbit(), decimal(v), n.corruptPercent(),
                    n.reorderPercent(), n.limitPackets())),
    CORRUPT("corruptPercent", "Corrupt (%)", false, Netem::corruptPercent,
            (n, v) -> new Netem(n.delayMs(), n.jitterMs(), n.lossPercent(), n.rateKbit(), n.duplicatePercent(), decimal(v),
                    n.reorderPercent(), n.limitPackets())),
    REORDER("reorderPercent", "Reorder (%)", false, Netem::reorderPercent,
            (n, v) -> new Netem(n.delayMs(), n.jitterMs(), n.lossPercent(), n.rateKbit(), n.duplicatePercent(),
                    n.corruptPercent(), decimal(v), n.limitPackets())),
    LIMIT("limitPackets", "Queue limit (packets)", true, Netem::limitPackets,
            (n, v) -> new Netem(n.delayMs(), n.jitterMs(), n.lossPercent(), n.rateKbit(), n.duplicatePercent(),
                    n.corruptPercent(), n.reorderPercent(), whole(v)));

    private final String key;
    private final String label;
    private final boolean whole;
    private final Function<Netem, Number> get;
    private final BiFunction<Netem, String, Netem> set;

    NetemField(String key, String label, boolean whole, Function<Netem, Number> get, BiFunction<Netem, String, Netem> set) {
        this.key = key;
        this.label = label;
        this.whole = whole;
        this.get = get;
        this.set = set;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The field's text in {@code n} (null: no impairments), "" when not set. */
    public String read(Netem n) {
        Number v = n == null ? null : get.apply(n);
        return v == null ? "" : plain(v);
    }

    /**
     * {@code n} with this field set from {@code text} ("" unsets it); null when nothing is left set, which is the
     * same as no {@code netem} at all. Throws IllegalArgumentException for text that is not a number.
     */
    public Netem write(Netem n, String text) {
        String t = text == null ? "" : text.strip();
        if (!t.isEmpty() && !t.matches(whole ? "-?[0-9]{1,18}" : "-?[0-9]{1,12}(\\.[0-9]{1,9})?")) {
            throw new IllegalArgumentException(label.replaceFirst(" \\(.*", "") + " must be " + (whole ? "a whole number" : "a number, e.g. 40 or 2.5"));
        }
        Netem result = set.apply(n == null ? Netem.none() : n, t);
        return result.isEmpty() ? null : result;
    }

    private static Double decimal(String s) {
        return s.isEmpty() ? null : Double.valueOf(s);
    }

    private static Long whole(String s) {
        return s.isEmpty() ? null : Long.valueOf(s);
    }

    /** 40.0 as "40", 1.5 as "1.5": as the canonical file writes them. */
    public static String plain(Number v) {
        double d = v.doubleValue();
        if (v instanceof Long || v instanceof Integer) return v.toString();
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
