package org.nslab.engine.validate;

import org.nslab.engine.model.Netem;
import org.nslab.engine.problem.JsonPointer;

/** The impairments of one veth end: every field within what netem can do, and the fields that need another. */
final class NetemRules {
    /** A minute: longer delays are a broken link, not an impaired one, and would hold packets in the queue. */
    static final double MAX_DELAY_MS = 60_000;
    /** 1 Tbit/s, far above anything a veth carries. */
    static final long MAX_RATE_KBIT = 1_000_000_000L;
    static final long MAX_LIMIT_PACKETS = 10_000_000L;

    private NetemRules() {}

    static void check(Netem n, String p, Report r) {
        if (n == null) return;
        time(n.delayMs(), JsonPointer.child(p, "delayMs"), "delay", r);
        time(n.jitterMs(), JsonPointer.child(p, "jitterMs"), "jitter", r);
        percent(n.lossPercent(), JsonPointer.child(p, "lossPercent"), r);
        percent(n.duplicatePercent(), JsonPointer.child(p, "duplicatePercent"), r);
        percent(n.corruptPercent(), JsonPointer.child(p, "corruptPercent"), r);
        percent(n.reorderPercent(), JsonPointer.child(p, "reorderPercent"), r);
        boolean delayed = n.delayMs() != null && n.delayMs() > 0;
        if (n.jitterMs() != null && n.jitterMs() > 0 && !delayed) {
            r.add(JsonPointer.child(p, "jitterMs"), "jitter varies a delay; set \"delayMs\" above 0 too");
        }
        if (n.reorderPercent() != null && n.reorderPercent() > 0 && !delayed) {
            r.add(JsonPointer.child(p, "reorderPercent"), "netem reorders by sending some packets without the delay; set \"delayMs\" above 0 too");
        }
        if (n.rateKbit() != null && (n.rateKbit() < 1 || n.rateKbit() > MAX_RATE_KBIT)) {
            r.add(JsonPointer.child(p, "rateKbit"), "rate " + n.rateKbit() + " is outside 1.." + MAX_RATE_KBIT + " kbit/s");
        }
        if (n.limitPackets() != null && (n.limitPackets() < 1 || n.limitPackets() > MAX_LIMIT_PACKETS)) {
            r.add(JsonPointer.child(p, "limitPackets"), "limit " + n.limitPackets() + " is outside 1.." + MAX_LIMIT_PACKETS + " packets");
        }
    }

    private static void time(Double ms, String p, String what, Report r) {
        if (ms != null && (ms < 0 || ms > MAX_DELAY_MS)) {
            r.add(p, what + " " + plain(ms) + " ms is outside 0.." + plain(MAX_DELAY_MS) + " ms");
        }
    }

    private static void percent(Double v, String p, Report r) {
        if (v != null && (v < 0 || v > 100)) r.add(p, plain(v) + " % is outside 0..100 %");
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
