package org.nslab.helper.check;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.nslab.engine.net.IpAddress;

/**
 * The last resort when no ICMP socket can be opened: the ping program, started from a thread inside the
 * namespace (a child process inherits the namespace of the thread that spawns it). Results say so.
 */
final class PingFallback {
    static final String METHOD = "ping";

    private PingFallback() {}

    /** Whether each target replied; a target is absent when ping could not run for it. */
    static Map<InetAddress, Boolean> run(String netns, List<InetAddress> targets, long timeoutMillis) {
        Path ping = List.of("/usr/bin/ping", "/bin/ping", "/usr/sbin/ping").stream().map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        Map<InetAddress, Boolean> out = new LinkedHashMap<>();
        if (ping == null) return out;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<InetAddress, Future<Boolean>> replies = new LinkedHashMap<>();
            for (InetAddress to : targets) replies.put(to, pool.submit(() -> Namespaces.call(netns, () -> ping(ping, to, timeoutMillis))));
            replies.forEach((to, f) -> {
                try {
                    out.put(to, f.get(timeoutMillis + 5000, TimeUnit.MILLISECONDS));
                } catch (Exception e) {
                    f.cancel(true);
                }
            });
        }
        return out;
    }

    static boolean ping(Path ping, InetAddress to, long timeoutMillis) throws IOException, InterruptedException {
        long seconds = Math.max(1, (timeoutMillis + 999) / 1000);
        Process p = new ProcessBuilder(ping.toString(), "-n", "-q", "-c", "3", "-i", "0.2", "-w", Long.toString(seconds),
                IpAddress.ofBytes(to.getAddress()).toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(seconds + 2, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
