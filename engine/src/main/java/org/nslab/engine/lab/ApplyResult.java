package org.nslab.engine.lab;

import java.util.List;

/** What an apply did: the steps it ran, in order (none when the kernel already matched the design). */
public record ApplyResult(String lab, List<String> steps) {
    public ApplyResult {
        steps = List.copyOf(steps);
    }

    public int changes() {
        return steps.size();
    }
}
