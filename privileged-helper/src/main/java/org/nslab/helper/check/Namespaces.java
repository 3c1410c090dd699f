package org.nslab.helper.check;

import java.util.concurrent.Callable;
import org.nslab.helper.kernel.InNamespace;
import org.nslab.helper.kernel.KernelException;

/**
 * {@link InNamespace#call} for probes: the probes' own failures (a refused bind, no ICMP socket) come back as
 * what they were rather than wrapped, because the checker decides on them (fall back to ping, report a row).
 */
final class Namespaces {
    private Namespaces() {}

    static <T> T call(String netns, Callable<T> task) throws Exception {
        try {
            return InNamespace.call(netns, task);
        } catch (KernelException e) {
            // errno 0: the task itself threw (entering the namespace failed otherwise, with an errno).
            if (e.errno() == 0 && e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }
}
