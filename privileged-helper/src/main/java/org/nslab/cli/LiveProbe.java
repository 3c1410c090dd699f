package org.nslab.cli;

import picocli.CommandLine.Option;

/** trace's {@code --live} and the wait that goes with it, as a picocli mixin: the timeout means nothing without it. */
final class LiveProbe {
    @Option(names = "--live", description = "also send the packet in the applied lab and show the kernel's own trace beside the walk (the lab's owner or root; through the helper for a member)")
    boolean on;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000", description = "with --live: how long the probe waits for the answer (default ${DEFAULT-VALUE})")
    long timeoutMillis;
}
