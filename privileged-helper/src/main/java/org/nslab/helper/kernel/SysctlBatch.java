package org.nslab.helper.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.plan.Operation;

/** Sysctl writes of a run, many namespaces at once, in the order given. */
final class SysctlBatch {
    private SysctlBatch() {}

    /** One sysctl written for an operation. */
    record Write(Operation op, String netns, String path, String key, String value) {}

    /** The write the kernel refused, and why. */
    record Failure(Write write, KernelException error) {}

    /**
     * Writes sysctls grouped by namespace, from one thread that visits the namespaces in turn (a thread per
     * namespace costs more than the writes), telling {@code written} of each; stops at the first refusal and
     * returns it (null: all written).
     */
    static Failure write(List<Write> writes, java.util.function.Consumer<Write> written) {
        Map<String, List<Write>> byNs = new LinkedHashMap<>();
        for (Write w : writes) byNs.computeIfAbsent(w.netns(), k -> new ArrayList<>()).add(w);
        // Written strictly in this order, so the first one not written is the one that failed.
        List<Write> order = new ArrayList<>();
        byNs.values().forEach(order::addAll);
        int[] done = {0};
        try {
            InNamespace.visitEach(byNs.keySet(), netns -> {
                for (Write w : byNs.get(netns)) {
                    Sysctl.write(w.path(), w.key(), w.value(), netns);
                    done[0]++;
                    written.accept(w);
                }
            });
            return null;
        } catch (KernelException e) {
            return new Failure(order.get(done[0]), e);
        }
    }
}
