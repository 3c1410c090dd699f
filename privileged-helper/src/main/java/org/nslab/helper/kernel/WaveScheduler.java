package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.plan.Operation.CreateNamespace;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation;

/**
 * Cuts a plan into waves (consecutive operations of the same kind: a plan lists all namespaces, then links,
 * then addresses, then routes) and runs them in order; after a wave with a refusal no later wave starts.
 */
final class WaveScheduler {
    private WaveScheduler() {}

    /** Runs one wave; {@code followUps} are the set-up steps of namespaces this batch creates (see followUps). */
    @FunctionalInterface
    interface Waves {
        void run(List<Operation> wave, Map<String, List<Operation>> followUps, Run run) throws KernelException;
    }

    /** Runs {@code ops} wave by wave and throws the earliest refusal (see {@link KernelExecutor#executeAll}). */
    static void run(List<Operation> ops, KernelExecutor.Progress progress, Waves waves) throws KernelException {
        Run run = new Run(ops, progress);
        Map<String, List<Operation>> followUps = followUps(ops);
        Set<Operation> fused = Collections.newSetFromMap(new IdentityHashMap<>());
        followUps.values().forEach(fused::addAll);
        List<Operation> rest = fused.isEmpty() ? ops : ops.stream().filter(op -> !fused.contains(op)).toList();
        int i = 0;
        while (i < rest.size()) {
            int j = i + 1;
            while (j < rest.size() && rest.get(j).getClass() == rest.get(i).getClass()) j++;
            waves.run(rest.subList(i, j), followUps, run);
            run.throwIfFailed();
            i = j;
        }
    }

    /**
     * The steps that only set up a namespace this batch creates ({@code lo} up, sysctls such as the IPv6
     * switch), taken from the waves right after its creation: the thread that creates the namespace is inside
     * it already and does them at once, instead of a second thread entering every namespace again.
     */
    static Map<String, List<Operation>> followUps(List<Operation> ops) {
        Map<String, List<Operation>> out = new HashMap<>();
        int i = 0;
        while (i < ops.size()) {
            if (!(ops.get(i) instanceof CreateNamespace)) {
                i++;
                continue;
            }
            Set<String> created = new HashSet<>();
            for (; i < ops.size() && ops.get(i) instanceof CreateNamespace c; i++) created.add(c.netns());
            for (; i < ops.size() && isNamespaceSetUp(ops.get(i)); i++) {
                Operation op = ops.get(i);
                if (created.contains(op.netns())) out.computeIfAbsent(op.netns(), k -> new ArrayList<>()).add(op);
            }
        }
        return out;
    }

    private static boolean isNamespaceSetUp(Operation op) {
        return op instanceof SetUp u && "lo".equals(u.ifname()) || op instanceof SetSysctl;
    }
}
