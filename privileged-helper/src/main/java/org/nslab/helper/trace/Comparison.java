package org.nslab.helper.trace;

import java.util.List;
import org.nslab.engine.lab.LiveTrace;
import org.nslab.engine.walk.Walk;

/** The walk beside the kernel's trace: each traced namespace's decisions per leg, and whether the answer came back. */
public record Comparison(Walk walk, LiveTrace kernel, List<String> differences) {

    public static Comparison of(Walk walk, LiveTrace kernel) {
        return new Comparison(walk, kernel, kernel.differences(walk));
    }

    public boolean agrees() {
        return differences.isEmpty();
    }
}
