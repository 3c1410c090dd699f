package org.nslab.engine.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.nslab.engine.protocol.TraceWatch;
import org.nslab.engine.walk.Protocol;

/**
 * The trace watches of a live trace across machines, one thread per machine: {@link #start} returns once every
 * machine traces (or failed, or took longer than the limit), so the packet is sent with tracing on everywhere it
 * goes; {@link #stopAndCollect} ends them and gives what each saw. Closing ends any still running and waits for them.
 */
final class TraceWatches implements AutoCloseable {
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Map<String, Future<LiveTrace>> running = new LinkedHashMap<>();
    private final Set<String> tracing = ConcurrentHashMap.newKeySet();
    /** The machines that were tracing when the packet was sent: only their legs are whole. */
    private Set<String> inTime = Set.of();
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name("nslab-watch-", 0).factory());

    private TraceWatches() {}

    /**
     * {@code reach}: a machine's service, null for one that cannot be reached (it is left out); {@code probe}: the
     * packet's echo identifier or tcp source port, null to count every packet of the kind.
     */
    static TraceWatches start(List<String> machines, Function<String, LabService> reach, String lab, Protocol proto, Integer probe,
                              long limitMillis) {
        TraceWatches w = new TraceWatches();
        CountDownLatch settled = new CountDownLatch(machines.size());
        for (String m : machines) {
            LabService service = reach.apply(m);
            if (service == null) {
                settled.countDown();
                continue;
            }
            w.running.put(m, w.threads.submit(() -> {
                boolean[] counted = {false};
                try {
                    return service.watchTrace(lab, proto, limitMillis, probe, new TraceWatch() {
                        @Override
                        public void tracing(List<String> namespaces) {
                            w.tracing.add(m);
                            counted[0] = true;
                            settled.countDown();
                        }

                        @Override
                        public void awaitStop() throws InterruptedException {
                            w.stop.await();
                        }
                    });
                } finally {
                    if (!counted[0]) settled.countDown();
                }
            }));
        }
        try {
            settled.await(limitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        w.inTime = Set.copyOf(w.tracing);
        return w;
    }

    /** Ends every watch and returns, per machine that was tracing in time and answered, what it saw. */
    Map<String, LiveTrace> stopAndCollect() {
        stop.countDown();
        Map<String, LiveTrace> seen = new LinkedHashMap<>();
        for (var e : running.entrySet()) {
            try {
                LiveTrace part = e.getValue().get();
                if (inTime.contains(e.getKey())) seen.put(e.getKey(), part);
            } catch (ExecutionException failed) {
                // That machine's legs are not reported; its namespaces are then not compared.
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return seen;
    }

    @Override
    public void close() {
        stop.countDown();
        threads.close();
    }
}
