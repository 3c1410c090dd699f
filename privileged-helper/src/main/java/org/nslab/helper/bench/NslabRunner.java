package org.nslab.helper.bench;

import org.nslab.engine.model.Topology;
import org.nslab.helper.apply.Applier;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.helper.apply.Progress;
import org.nslab.engine.lab.TeardownResult;

/** nslab itself: the in-process applier, exactly as {@code nslab apply} and {@code nslab teardown} run it. */
final class NslabRunner implements BaselineRunner {
    private final Applier applier;

    NslabRunner(Applier applier) {
        this.applier = applier;
    }

    @Override
    public String name() {
        return "nslab";
    }

    @Override
    public double[] run(String shape, Topology design) throws Exception {
        long t0 = System.nanoTime();
        ApplyResult applied = applier.apply(design, 0, Progress.NONE);
        double apply = BaselineRunner.seconds(t0);
        if (applied.changes() == 0) throw new IllegalStateException("apply of " + design.name() + " changed nothing");
        long t1 = System.nanoTime();
        TeardownResult removed = applier.teardown(design.name(), 0, Progress.NONE);
        double teardown = BaselineRunner.seconds(t1);
        if (!removed.leftovers().isEmpty()) {
            throw new IllegalStateException("teardown of " + design.name() + " left " + removed.leftovers());
        }
        return new double[] {apply, teardown, applied.linksUpMillis() / 1000.0};
    }
}
