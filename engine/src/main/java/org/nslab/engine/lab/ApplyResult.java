package org.nslab.engine.lab;

import java.util.List;

/**
 * What an apply did: the steps it ran, in order (none when the kernel already matched the design), and how long
 * of it was spent waiting for the lab's links to pass packets after the last step ({@code linksUpMillis}).
 */
public record ApplyResult(String lab, List<String> steps, long linksUpMillis) {
    public ApplyResult {
        steps = List.copyOf(steps);
    }

    public ApplyResult(String lab, List<String> steps) {
        this(lab, steps, 0);
    }

    public int changes() {
        return steps.size();
    }
}
