package org.nslab.helper.daemon;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.capture.BpfProgram;
import org.nslab.helper.exec.ProcessStreams;

/**
 * One member of the helper's group under load, run as that member's uid (setpriv) by {@link HelperSoakKernelTest}:
 * several threads, each with a lab of its own, send the helper mixed requests over its socket for a set time (apply,
 * re-apply of a changed design, status, check, exec, capture, teardown and apply again), check every answer, and
 * tear their labs down at the end. What they did is written to the report file, one line per kind of request
 * ({@code ok <request> <count>}) and one per failure ({@code failed <request>: <why>}).
 *
 * <p>Arguments: socket, seconds, threads, report file.
 */
public final class SoakClient {
    private static final org.nslab.engine.protocol.ProgressListener QUIET = (step, total, description) -> {};
    private static final List<String> REQUESTS = List.of("reapply", "status", "check", "exec", "capture", "reset");
    private final Path socket;
    private final long deadline;
    private final Map<String, AtomicLong> done = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    private SoakClient(Path socket, long deadline) {
        this.socket = socket;
        this.deadline = deadline;
    }

    public static void main(String[] args) throws Exception {
        Path socket = Path.of(args[0]);
        long seconds = Long.parseLong(args[1]);
        int threads = Integer.parseInt(args[2]);
        Path report = Path.of(args[3]);
        SoakClient client = new SoakClient(socket, System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds));
        int uid = Integer.parseInt(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String lab = "k" + (uid % 100_000) + "t" + t;
            long seed = uid * 31L + t;
            running.add(Thread.ofPlatform().name("soak-" + lab).start(() -> client.run(lab, new Random(seed))));
        }
        for (Thread t : running) t.join();
        List<String> lines = new ArrayList<>();
        new TreeMap<>(client.done).forEach((k, v) -> lines.add("ok " + k + " " + v.get()));
        client.failures.stream().limit(50).forEach(f -> lines.add("failed " + f.replace('\n', ' ')));
        Files.write(report, lines, StandardCharsets.UTF_8);
    }

    /** Two namespaces joined by a veth, a check that one reaches the other; {@code changed} adds a sysctl, an address and a process. */
    static Topology design(String lab, boolean changed) {
        Namespace a = Namespace.empty();
        if (changed) {
            a = a.withSysctls(Map.of("net.ipv4.ip_forward", "1"));
            a = new Namespace(a.sysctls(), a.routes(), a.firewall(), a.firewall6(), a.kernelName(), a.hostname(), a.hosts(),
                    List.of(List.of("sleep", "100000")));
        }
        List<String> bAddresses = changed ? List.of("10.9.0.2/24", "10.9.1.2/24") : List.of("10.9.0.2/24");
        Veth link = new Veth(new VethEnd("a", null, "eth0", List.of("10.9.0.1/24"), null, null, null, null),
                new VethEnd("b", null, "eth0", bAddresses, null, null, null, null));
        return Topology.empty(lab).withNamespaces(Map.of("a", a, "b", Namespace.empty())).withVeths(List.of(link))
                .withChecks(List.of(new Check("a", "10.9.0.2", null, null, Check.REACH)));
    }

    private void run(String lab, Random random) {
        boolean changed = false;
        try (HelperClient helper = HelperClient.connect(socket)) {
            request("apply", () -> helper.apply(design(lab, false), QUIET));
            while (System.nanoTime() < deadline) {
                String next = REQUESTS.get(random.nextInt(REQUESTS.size()));
                boolean variant = !changed;
                switch (next) {
                    case "reapply" -> {
                        if (request(next, () -> helper.apply(design(lab, variant), QUIET))) changed = variant;
                    }
                    case "status" -> request(next, () -> {
                        Response.StatusReport report = helper.status(lab);
                        Response.LabStatus status = report.labs().stream().filter(l -> l.name().equals(lab)).findFirst()
                                .orElseThrow(() -> new IllegalStateException("status does not list " + lab));
                        if (!status.missing().isEmpty() || !status.extra().isEmpty() || !status.different().isEmpty()) {
                            throw new IllegalStateException("drift: " + status);
                        }
                    });
                    case "check" -> {
                        Topology current = design(lab, changed);
                        request(next, () -> {
                            Response.Checked checked = helper.check(current, 2000);
                            if (checked.results().isEmpty() || !checked.results().stream().allMatch(Response.CheckOutcome::passed)) {
                                throw new IllegalStateException("checks: " + checked.results());
                            }
                        });
                    }
                    case "exec" -> request(next, () -> {
                        int status = helper.exec(lab, "b", List.of("sh", "-c", "exit 3"), false, ProcessStreams.forCommand());
                        if (status != 3) throw new IllegalStateException("exit status " + status + ", expected 3");
                    });
                    case "capture" -> request(next, () -> capture(helper, lab));
                    case "reset" -> {
                        if (request("teardown", () -> helper.teardown(lab, QUIET))) {
                            if (request("apply", () -> helper.apply(design(lab, false), QUIET))) changed = false;
                        }
                    }
                    default -> throw new IllegalStateException(next);
                }
            }
        } catch (HelperException e) {
            failures.add("connect: " + e.getMessage());
        } finally {
            try (HelperClient helper = HelperClient.connect(socket)) {
                request("teardown", () -> helper.teardown(lab, QUIET));
            } catch (HelperException e) {
                failures.add("teardown " + lab + ": " + e.getMessage());
            }
        }
    }

    /** One ICMP echo caught on a's eth0 while a pings b through another connection. */
    private void capture(HelperClient helper, String lab) throws Exception {
        List<List<Long>> icmp = BpfProgram.compile("icmp").instructions().stream().map(BpfProgram.Instruction::wire).toList();
        AtomicReference<Object> outcome = new AtomicReference<>();
        try (HelperClient catcher = HelperClient.connect(socket)) {
            Thread listening = Thread.ofVirtual().start(() -> {
                try {
                    outcome.set(catcher.capture(lab, "a", "eth0", 1, icmp, bytes -> true));
                } catch (HelperException e) {
                    outcome.set(e);
                }
            });
            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (listening.isAlive() && System.nanoTime() < until) {
                helper.exec(lab, "a", List.of("ping", "-c", "1", "-W", "1", "10.9.0.2"), false, ProcessStreams.forCommand());
                listening.join(Duration.ofMillis(200));
            }
            if (listening.isAlive()) {
                catcher.close();
                listening.join(Duration.ofSeconds(10));
                throw new IllegalStateException("no packet captured in 20 s");
            }
        }
        if (outcome.get() instanceof Exception e) throw e;
        if (!(outcome.get() instanceof Response.Captured c) || c.packets() != 1) throw new IllegalStateException("captured " + outcome.get());
    }

    interface Step {
        void run() throws Exception;
    }

    private boolean request(String what, Step step) {
        try {
            step.run();
            done.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
            return true;
        } catch (Exception e) {
            failures.add(what + ": " + e);
            return false;
        }
    }

}
