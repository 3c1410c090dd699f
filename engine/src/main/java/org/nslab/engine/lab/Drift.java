package org.nslab.engine.lab;

import java.util.List;
import org.nslab.engine.plan.Operation;

/**
 * One difference between a design and the kernel: an object {@code MISSING}, one the design does not have
 * ({@code EXTRA}), or one that is there but {@code DIFFERENT}. {@code repair} are the steps a re-apply runs to fix it.
 */
public record Drift(Kind kind, KernelObject object, String detail, List<Operation> repair) {
    public enum Kind { MISSING, EXTRA, DIFFERENT }

    public Drift {
        repair = List.copyOf(repair);
    }

    /** The object and the detail, as status lists them: {@code link eth0 in lab-red: is down}. */
    public String describe() {
        return object.describe() + (detail == null ? "" : ": " + detail);
    }

    public String format() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + describe();
    }
}
