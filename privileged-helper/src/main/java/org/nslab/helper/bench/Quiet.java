package org.nslab.helper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The set of links and named namespaces before a run; after teardown, waits until the kernel is back to it,
 * so the next system starts from the same state and no name is still taken.
 */
record Quiet(Set<String> links, Set<String> namespaces) {
    // /sys/class/net shows the network of whoever mounted sysfs; /proc/self/net is this process's own.
    private static final Path NET_DEV = Path.of("/proc/self/net/dev");
    private static final long LIMIT_NANOS = 120_000_000_000L;

    static Quiet now() throws IOException {
        return new Quiet(readLinks(), list(Path.of("/run/netns")));
    }

    /** Seconds until the kernel matched this state again; fails if it never does (a system left residue). */
    double awaitReturn() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        while (true) {
            Quiet after = now();
            if (after.equals(this)) return (System.nanoTime() - t0) / 1e9;
            if (System.nanoTime() - t0 > LIMIT_NANOS) {
                throw new IllegalStateException("the kernel still holds objects of the last run: " + after + " (was " + this + ")");
            }
            Thread.sleep(5);
        }
    }

    /** Interface names from /proc/self/net/dev, whose first two lines are headers. */
    private static Set<String> readLinks() throws IOException {
        return Files.readAllLines(NET_DEV).stream().skip(2).map(l -> l.substring(0, l.indexOf(':')).trim())
                .collect(Collectors.toSet());
    }

    private static Set<String> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return Set.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
