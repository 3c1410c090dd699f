package org.nslab.helper.check;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.nslab.engine.model.Check;

/**
 * The last resort when no ICMP socket can be opened: the ping program, started from a thread inside the
 * namespace (a child process inherits the namespace of the thread that spawns it). Results say so.
 */
final class PingFallback {
    static final String METHOD = "ping";

    private PingFallback() {}

    static List<CheckResult> run(String netns, List<Check> checks, List<InetAddress> targets, long timeoutMillis, String why) {
        Path ping = List.of("/usr/bin/ping", "/bin/ping", "/usr/sbin/ping").stream().map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        List<CheckResult> out = new ArrayList<>();
        if (ping == null) {
            for (Check c : checks) out.add(CheckResult.error(c, "icmp", "no ICMP socket (" + why + ") and no ping program"));
            return out;
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> replies = new ArrayList<>();
            for (InetAddress to : targets) replies.add(pool.submit(() -> Namespaces.call(netns, () -> ping(ping, to, timeoutMillis))));
            for (int k = 0; k < checks.size(); k++) {
                try {
                    boolean reached = replies.get(k).get(timeoutMillis + 5000, TimeUnit.MILLISECONDS);
                    out.add(CheckResult.of(checks.get(k), reached, METHOD,
                            (reached ? "ping got a reply" : "ping got no reply within " + timeoutMillis + " ms")
                                    + " (native ICMP unavailable: " + why + ")"));
                } catch (Exception e) {
                    out.add(CheckResult.error(checks.get(k), METHOD, "ping failed: " + e.getMessage()));
                }
            }
        }
        return out;
    }

    private static boolean ping(Path ping, InetAddress to, long timeoutMillis) throws IOException, InterruptedException {
        long seconds = Math.max(1, (timeoutMillis + 999) / 1000);
        Process p = new ProcessBuilder(ping.toString(), "-n", "-q", "-c", "3", "-i", "0.2", "-w", Long.toString(seconds),
                to.getHostAddress())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(seconds + 2, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return false;
        }
        return p.exitValue() == 0;
    }
}
