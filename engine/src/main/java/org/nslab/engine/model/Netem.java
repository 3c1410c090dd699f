package org.nslab.engine.model;

/**
 * Impairments of what leaves one veth end (tc semantics: egress), as the design states them. Every field may
 * be absent; structural only, the validator checks the ranges. Times are milliseconds, rates kbit/s (1000 bit).
 */
public record Netem(
        Double delayMs,
        Double jitterMs,
        Double lossPercent,
        Long rateKbit,
        Double duplicatePercent,
        Double corruptPercent,
        Double reorderPercent,
        Long limitPackets) {

    public static Netem none() {
        return new Netem(null, null, null, null, null, null, null, null);
    }

    /** True when no field is set: the same as no {@code netem} at all. */
    public boolean isEmpty() {
        return equals(none());
    }

    public Netem withDelayMs(Double v) {
        return new Netem(v, jitterMs, lossPercent, rateKbit, duplicatePercent, corruptPercent, reorderPercent, limitPackets);
    }

    public Netem withJitterMs(Double v) {
        return new Netem(delayMs, v, lossPercent, rateKbit, duplicatePercent, corruptPercent, reorderPercent, limitPackets);
    }

    public Netem withLossPercent(Double v) {
        return new Netem(delayMs, jitterMs, v, rateKbit, duplicatePercent, corruptPercent, reorderPercent, limitPackets);
    }

    public Netem withRateKbit(Long v) {
        return new Netem(delayMs, jitterMs, lossPercent, v, duplicatePercent, corruptPercent, reorderPercent, limitPackets);
    }
}
