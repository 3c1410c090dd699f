package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.plan.Operation;

/** Progress and failures of one {@link KernelExecutor#executeAll}: each operation reported once, done or failed. */
final class Run {
    private final int total;
    private final KernelExecutor.Progress progress;
    private final Map<Operation, Integer> index = new IdentityHashMap<>();
    private final List<KernelException> failures = new ArrayList<>();
    private final Set<Operation> reported = Collections.newSetFromMap(new IdentityHashMap<>());
    private int done;

    Run(List<Operation> ops, KernelExecutor.Progress progress) {
        this.total = ops.size();
        this.progress = progress;
        for (int i = ops.size() - 1; i >= 0; i--) index.put(ops.get(i), i);
    }

    synchronized void done(Operation op) {
        if (!reported.add(op)) return;
        done++;
        if (progress != null) progress.completed(op, done, total);
    }

    synchronized void fail(Operation op, KernelException e) {
        reported.add(op);
        failures.add(e.atStep(index.getOrDefault(op, -1)));
    }

    synchronized boolean failed() {
        return !failures.isEmpty();
    }

    /** Throws the refusal of the earliest step, the others attached as suppressed. */
    void throwIfFailed() throws KernelException {
        if (failures.isEmpty()) return;
        failures.sort(Comparator.comparingInt(KernelException::step));
        KernelException first = failures.get(0);
        for (KernelException other : failures.subList(1, Math.min(failures.size(), 20))) first.addSuppressed(other);
        throw first;
    }
}
