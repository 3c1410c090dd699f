package org.nslab.helper.bench;

/** One system building and removing one generated design; times in seconds, NaN where not measured. */
record Measurement(String shape, int size, String system, int namespaces, double apply, double teardown) {
    double total() {
        return apply + (Double.isNaN(teardown) ? 0 : teardown);
    }

    double applyMillisPerNamespace() {
        return apply * 1000 / namespaces;
    }
}
