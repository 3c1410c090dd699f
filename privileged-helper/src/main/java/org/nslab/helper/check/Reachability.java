package org.nslab.helper.check;

import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.lab.ReachabilityMatrix;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ProgressListener;

/**
 * The reachability matrix of an applied lab: every namespace of the design (and {@code host} when the lab has
 * interfaces there) pings every address of the lab. One ICMP socket per source carries all its echoes, and
 * the sources run in parallel, so the whole matrix takes about one timeout.
 */
public final class Reachability {
    private Reachability() {}

    public static ReachabilityMatrix matrix(Topology t) {
        return matrix(t, Checker.DEFAULT_TIMEOUT_MILLIS);
    }

    public static ReachabilityMatrix matrix(Topology t, long timeoutMillis) {
        return compute(t, sources(t), timeoutMillis, (done, total, source) -> {});
    }

    /** Reports each source as its row is done ({@code done} of {@code total}), for a progress bar. */
    public static ReachabilityMatrix matrix(Topology t, long timeoutMillis, ProgressListener progress) {
        return compute(t, sources(t), timeoutMillis, progress);
    }

    /** One row, for the designer's "what can this namespace reach" view. */
    public static ReachabilityMatrix.Row from(Topology t, String source, long timeoutMillis) {
        return compute(t, List.of(source), timeoutMillis, (done, total, s) -> {}).rows().get(0);
    }

    /** The namespaces that probe: the design's, plus {@code host} when the lab puts an interface there. */
    public static List<String> sources(Topology t) {
        List<String> out = new ArrayList<>(t.namespaces().keySet());
        if (!out.contains(Topology.HOST) && !LabAddresses.hostInterfaces(t).isEmpty()) out.add(Topology.HOST);
        return out;
    }

    private static ReachabilityMatrix compute(Topology t, List<String> sources, long timeoutMillis,
                                              ProgressListener progress) {
        List<LabAddress> targets = LabAddresses.of(t);
        List<InetAddress> addresses = targets.stream().map(a -> a.prefix().address().toInetAddress()).distinct().toList();
        Map<String, Future<Map<InetAddress, IcmpRun.Reply>>> running = new LinkedHashMap<>();
        List<ReachabilityMatrix.Row> rows = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String s : sources) running.put(s, pool.submit(() -> IcmpRun.probe(t.kernelName(s), addresses, timeoutMillis)));
            for (String s : sources) {
                Map<InetAddress, IcmpRun.Reply> replies = awaitRow(running.get(s), timeoutMillis);
                List<ReachabilityMatrix.Cell> cells = new ArrayList<>();
                for (LabAddress a : targets) {
                    IcmpRun.Reply r = replies.get(a.prefix().address().toInetAddress());
                    cells.add(r == null ? new ReachabilityMatrix.Cell(a, null, "icmp", "the probe did not finish in time")
                            : new ReachabilityMatrix.Cell(a, r.reached(), r.method(), r.detail()));
                }
                rows.add(new ReachabilityMatrix.Row(s, cells));
                progress.step(rows.size(), sources.size(), "pinged every lab address from " + s);
            }
        }
        return new ReachabilityMatrix(sources, targets, rows);
    }

    private static Map<InetAddress, IcmpRun.Reply> awaitRow(Future<Map<InetAddress, IcmpRun.Reply>> f, long timeoutMillis) {
        try {
            return f.get(3 * timeoutMillis + 5000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            f.cancel(true);
            return Map.of();
        }
    }
}
