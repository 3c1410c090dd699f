package org.nslab.helper.trace;

import java.util.List;
import org.nslab.engine.lab.LiveTrace;
import org.nslab.engine.walk.Walk;

/** The walk beside the kernel's trace: each namespace's decisions per leg, and whether the answer came back. */
public record Comparison(Walk walk, LiveTrace kernel, List<String> differences) {

    public static Comparison of(Walk walk, LiveTrace kernel) {
        return new Comparison(walk, kernel, kernel.differences(walk));
    }

    /** Only the namespaces that were traced are compared (a lab across machines: those on the source's machine). */
    public static Comparison of(Walk walk, LiveTrace kernel, java.util.function.Predicate<String> traced) {
        return new Comparison(walk, kernel, kernel.differences(walk, traced));
    }

    public boolean agrees() {
        return differences.isEmpty();
    }
}
