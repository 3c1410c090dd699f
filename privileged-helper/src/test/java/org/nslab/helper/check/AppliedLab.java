package org.nslab.helper.check;

import org.nslab.engine.model.Topology;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.ApplyException;
import org.nslab.helper.apply.Progress;

/** A design applied by nslab's own applier for the length of a test, and torn down after it. */
final class AppliedLab implements AutoCloseable {
    private final Applier applier = Applier.onThisMachine();
    private final String lab;

    private AppliedLab(String lab) {
        this.lab = lab;
    }

    static AppliedLab apply(Topology t) {
        AppliedLab applied = new AppliedLab(t.name());
        try {
            applied.applier.apply(t, 0, Progress.NONE);
        } catch (ApplyException e) {
            throw new IllegalStateException("apply failed: " + e.getMessage(), e);
        }
        return applied;
    }

    @Override
    public void close() {
        try {
            applier.teardown(lab, 0, Progress.NONE);
        } catch (ApplyException e) {
            throw new IllegalStateException("teardown failed: " + e.getMessage(), e);
        }
    }
}
