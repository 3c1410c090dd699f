package org.nslab.helper.apply;

import java.util.List;

/**
 * One difference between a design and the kernel: an object {@code MISSING}, one the design does not have
 * ({@code EXTRA}), or one that is there but {@code DIFFERENT}. {@code repair} are the steps a re-apply runs to fix it.
 */
public record Drift(Kind kind, String object, String detail, List<org.nslab.engine.plan.Operation> repair) {
    public enum Kind { MISSING, EXTRA, DIFFERENT }

    public Drift {
        repair = List.copyOf(repair);
    }

    public String format() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + object + (detail == null ? "" : ": " + detail);
    }
}
