package org.nslab.engine.model;

import io.soabase.recordbuilder.core.RecordBuilder;
/**
 * Impairments of what leaves one veth end (tc semantics: egress), as the design states them. Every field may
 * be absent; structural only, the validator checks the ranges. Times are milliseconds, rates kbit/s (1000 bit).
 */
@RecordBuilder
public record Netem(
        Double delayMs,
        Double jitterMs,
        Double lossPercent,
        Long rateKbit,
        Double duplicatePercent,
        Double corruptPercent,
        Double reorderPercent,
        Long limitPackets) implements NetemBuilder.With {

    public static Netem none() {
        return new Netem(null, null, null, null, null, null, null, null);
    }

    /** True when no field is set: the same as no {@code netem} at all. */
    public boolean isEmpty() {
        return equals(none());
    }
}
