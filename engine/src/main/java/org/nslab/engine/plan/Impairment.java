package org.nslab.engine.plan;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.model.Netem;

/**
 * The netem qdisc a veth end gets, every value resolved: times in microseconds (netem's own resolution as tc
 * writes it), probabilities in percent, {@code rateKbit} 0 for no rate limit, {@code limitPackets} netem's
 * queue length (1000 unless the design says otherwise, as with tc).
 */
public record Impairment(long delayUs, long jitterUs, double lossPercent, double duplicatePercent, double corruptPercent,
                         double reorderPercent, long rateKbit, long limitPackets) {
    public static final long DEFAULT_LIMIT = 1000;
    /** netem keeps probabilities as a fraction of 2^32-1: values this close are the same. */
    private static final double PERCENT_TOLERANCE = 1e-6;

    public static Impairment of(Netem n) {
        return new Impairment(micros(n.delayMs()), micros(n.jitterMs()), or0(n.lossPercent()), or0(n.duplicatePercent()),
                or0(n.corruptPercent()), or0(n.reorderPercent()), n.rateKbit() == null ? 0 : n.rateKbit(),
                n.limitPackets() == null ? DEFAULT_LIMIT : n.limitPackets());
    }

    /** Equal up to the kernel's rounding of probabilities. */
    public boolean sameAs(Impairment o) {
        return delayUs == o.delayUs && jitterUs == o.jitterUs && rateKbit == o.rateKbit && limitPackets == o.limitPackets
                && close(lossPercent, o.lossPercent) && close(duplicatePercent, o.duplicatePercent)
                && close(corruptPercent, o.corruptPercent) && close(reorderPercent, o.reorderPercent);
    }

    /** The arguments after {@code tc qdisc replace dev IF root netem}, e.g. {@code delay 40ms 5ms loss 1.5%}. */
    public List<String> tcArguments() {
        List<String> out = new ArrayList<>();
        if (delayUs > 0) {
            out.add("delay");
            out.add(time(delayUs));
            if (jitterUs > 0) out.add(time(jitterUs));
        }
        percent(out, "loss", lossPercent);
        percent(out, "duplicate", duplicatePercent);
        percent(out, "corrupt", corruptPercent);
        percent(out, "reorder", reorderPercent);
        if (rateKbit > 0) {
            out.add("rate");
            out.add(rateKbit + "kbit");
        }
        out.add("limit");
        out.add(Long.toString(limitPackets));
        return out;
    }

    /** As {@code nslab plan} and status print it: {@code delay 40ms 5ms loss 1.5% limit 1000}. */
    public String describe() {
        return String.join(" ", tcArguments());
    }

    private static void percent(List<String> out, String name, double value) {
        if (value <= 0) return;
        out.add(name);
        out.add(number(value) + "%");
    }

    private static String time(long us) {
        return us % 1000 == 0 ? us / 1000 + "ms" : us + "us";
    }

    static String number(double v) {
        if (v == Math.rint(v)) return Long.toString((long) v);
        String s = java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        return s;
    }

    private static long micros(Double ms) {
        return ms == null ? 0 : Math.round(ms * 1000);
    }

    private static double or0(Double v) {
        return v == null ? 0 : v;
    }

    private static boolean close(double a, double b) {
        return Math.abs(a - b) < PERCENT_TOLERANCE;
    }
}
