package org.nslab.helper.apply;

import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.nslab.engine.plan.Operation;

/**
 * The real kernel, except that the n-th step is refused with an errno, or the process "dies" there. A batch that
 * holds the n-th step runs one step at a time; any other batch goes to the real kernel whole.
 */
class FaultyKernel extends ForwardingKernel {
    private final int failAt;
    private final boolean crash;
    private int count;

    FaultyKernel(Kernel real, int failAt, boolean crash) {
        super(real);
        this.failAt = failAt;
        this.crash = crash;
    }

    @Override
    public void execute(String lab, List<Operation> steps, IntConsumer done) throws StepFailedException {
        if (failAt <= count || failAt > count + steps.size()) {
            // No fault due in this batch: the real kernel gets it whole, as it would without the fault.
            count += steps.size();
            real.execute(lab, steps, done);
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            if (++count == failAt) {
                if (crash) throw new FakeKernel.Crash();
                throw new StepFailedException("ENOBUFS", 105, steps.get(i).describe(), "refused on purpose", i, null);
            }
            int index = i;
            try {
                real.execute(lab, List.of(steps.get(i)), k -> done.accept(index));
            } catch (StepFailedException e) {
                throw e.at(i);
            }
        }
    }

    /** Links are deleted one step at a time, so that every delete is counted and may be the faulty step. */
    @Override
    public boolean deleteLinksAtOnce(String lab, String netns, Set<String> ifnames) {
        return false;
    }
}
