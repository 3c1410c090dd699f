package org.nslab.helper.bench;

/**
 * One system building and removing one generated design, in seconds. {@code settle} is how long the kernel
 * still took, after the system returned from teardown, to free the last devices of deleted namespaces (it
 * does that asynchronously); it is reported apart and counted in no ratio. {@code linksUp} is the part of nslab's
 * apply spent waiting for its links to pass packets (counted in apply; 0 for systems that do not wait).
 */
public record Measurement(String shape, int size, String system, int namespaces, double apply, double teardown, double settle,
                          double linksUp) {
    double total() {
        return apply + teardown;
    }

    double applyMillisPerNamespace() {
        return apply * 1000 / namespaces;
    }
}
