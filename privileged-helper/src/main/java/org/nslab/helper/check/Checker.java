package org.nslab.helper.check;

import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.lab.ListenerElsewhere;
import org.nslab.engine.lab.ReachabilityMatrix;
import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;

/**
 * Runs a design's checks against the applied lab. Every probe runs natively inside the source namespace
 * (ICMP sockets, Java TCP/UDP sockets on a thread that entered it); TCP and UDP targets get a listener in
 * the namespace that owns the address. Probes run in parallel, each bounded by {@code timeoutMillis}.
 */
public final class Checker {
    public static final long DEFAULT_TIMEOUT_MILLIS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final long timeoutMillis;

    public Checker(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** The pass/fail table that {@code nslab check} prints, for callers that run checks after an apply. */
    public static String table(Topology topology, List<CheckResult> results) {
        return Tables.checks(topology, results);
    }

    /** The JSON document of {@code nslab check --json}. */
    public static String json(Topology topology, List<CheckResult> results) {
        return JsonDocuments.checks(topology, results);
    }

    /** Runs the checks with the default timeout; results are in the order of {@code checks}. */
    public static List<CheckResult> run(Topology topology, List<Check> checks) {
        return new Checker(DEFAULT_TIMEOUT_MILLIS).check(topology, checks);
    }

    public List<CheckResult> check(Topology t, List<Check> checks) {
        return check(t, checks, Map.of());
    }

    /**
     * The checks, those of {@code elsewhere} (by their index in {@code checks}) with their listener on another machine:
     * none is opened here for them, and a udp probe sends the token that listener echoes.
     */
    public List<CheckResult> check(Topology t, List<Check> checks, Map<Integer, ListenerElsewhere> elsewhere) {
        CheckResult[] results = new CheckResult[checks.size()];
        Map<String, List<Integer>> icmpBySource = new LinkedHashMap<>();
        List<Integer> sockets = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            Optional<String> problem = problem(t, c, elsewhere.containsKey(i));
            if (problem.isPresent()) {
                results[i] = CheckResult.error(c, method(c), problem.get());
            } else if (c.protoOrDefault().equals("icmp")) {
                icmpBySource.computeIfAbsent(c.from(), k -> new ArrayList<>()).add(i);
            } else {
                sockets.add(i);
            }
        }
        try (Listeners listeners = new Listeners(); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<Integer, Listeners.Status> listening = new HashMap<>();
            for (int i : sockets) {
                Check c = checks.get(i);
                IpAddress to = IpAddress.parse(c.to());
                Optional<LabAddress> owner = LabAddresses.owner(t, to);
                if (owner.isPresent() && !elsewhere.containsKey(i)) {
                    listening.put(i, listeners.open(new Listeners.Endpoint(c.protoOrDefault(),
                            t.kernelName(owner.get().namespace()), to.toInetAddress(), c.port())));
                }
            }
            Map<Integer, Future<CheckResult>> running = new LinkedHashMap<>();
            Map<String, Future<List<CheckResult>>> icmpRunning = new LinkedHashMap<>();
            icmpBySource.forEach((from, idx) -> icmpRunning.put(from, pool.submit(() -> icmp(t, from, idx.stream().map(checks::get).toList()))));
            for (int i : sockets) {
                Check c = checks.get(i);
                Listeners.Status st = listening.get(i);
                ListenerElsewhere far = elsewhere.get(i);
                running.put(i, pool.submit(() -> socketProbe(t, c, st, listeners, far)));
            }
            long bound = 3 * timeoutMillis + 5000;
            icmpBySource.forEach((from, idx) -> {
                List<CheckResult> rs = await(icmpRunning.get(from), bound, null);
                for (int k = 0; k < idx.size(); k++) {
                    Check c = checks.get(idx.get(k));
                    results[idx.get(k)] = rs == null ? CheckResult.error(c, "icmp", "the probe did not finish in time") : rs.get(k);
                }
            });
            running.forEach((i, f) -> {
                CheckResult r = await(f, bound, null);
                results[i] = r != null ? r : CheckResult.error(checks.get(i), method(checks.get(i)), "the probe did not finish in time");
            });
        }
        return List.of(results);
    }

    /** Why a check cannot be probed at all (the design names an unknown namespace, a non-address...), if so. */
    static Optional<String> problem(Topology t, Check c, boolean listenerElsewhere) {
        if (c.from() == null || !(Topology.HOST.equals(c.from()) || t.namespaces().containsKey(c.from()))) {
            return Optional.of("\"from\": no namespace " + c.from() + " in the design");
        }
        if (IpAddress.tryParse(c.to()).isEmpty()) return Optional.of("\"to\": " + c.to() + " is not an IP address");
        String proto = c.protoOrDefault();
        if (!List.of("icmp", "tcp", "udp").contains(proto)) return Optional.of("\"proto\": " + proto + " is not icmp, tcp or udp");
        if (!proto.equals("icmp") && (c.port() == null || c.port() < 1 || c.port() > 65535)) {
            return Optional.of("\"port\": " + proto + " needs a port 1-65535");
        }
        if (proto.equals("udp") && !listenerElsewhere && LabAddresses.owner(t, IpAddress.parse(c.to())).isEmpty()) {
            return Optional.of("udp needs an echo responder, so the address must belong to the lab; " + c.to() + " does not");
        }
        return Optional.empty();
    }

    private List<CheckResult> icmp(Topology t, String from, List<Check> checks) {
        List<InetAddress> targets = checks.stream().map(c -> IpAddress.parse(c.to()).toInetAddress()).toList();
        Map<InetAddress, IcmpRun.Reply> replies = IcmpRun.probe(t.kernelName(from), targets, timeoutMillis);
        List<CheckResult> out = new ArrayList<>();
        for (int k = 0; k < checks.size(); k++) {
            IcmpRun.Reply r = replies.get(targets.get(k));
            out.add(r.reached() == null ? CheckResult.error(checks.get(k), r.method(), r.detail())
                    : CheckResult.of(checks.get(k), r.reached(), r.method(), r.detail()));
        }
        return out;
    }

    private CheckResult socketProbe(Topology t, Check c, Listeners.Status st, Listeners listeners, ListenerElsewhere far) {
        if (st != null && st.problem() != null) return CheckResult.error(c, c.protoOrDefault(), st.problem());
        IpAddress address = IpAddress.parse(c.to());
        InetAddress to = address.toInetAddress();
        String netns = t.kernelName(c.from());
        String listener = far != null ? "listener on another machine" : st == null ? "no listener (address outside the lab)"
                : st.existing() ? "a service already listens there" : "listener in " + t.kernelName(LabAddresses.owner(t, address).get().namespace());
        byte[] token = far != null && far.token() != null ? java.util.HexFormat.of().parseHex(far.token()) : null;
        try {
            return Namespaces.call(netns, () -> c.protoOrDefault().equals("tcp") ? tcp(c, to, listener) : udp(c, to, listener, listeners, token));
        } catch (Exception e) {
            return CheckResult.error(c, c.protoOrDefault(), "cannot enter namespace " + netns + ": " + e.getMessage());
        }
    }

    private CheckResult tcp(Check c, InetAddress to, String listener) {
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(to, c.port()), (int) timeoutMillis);
            return CheckResult.of(c, true, "tcp", "connected in " + millis((System.nanoTime() - start) / 1000) + "; " + listener);
        } catch (SocketTimeoutException e) {
            return CheckResult.of(c, false, "tcp", "no answer within " + timeoutMillis + " ms; " + listener);
        } catch (ConnectException | NoRouteToHostException e) {
            return CheckResult.of(c, false, "tcp", String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT) + "; " + listener);
        } catch (IOException e) {
            return CheckResult.of(c, false, "tcp", "connect failed: " + e.getMessage() + "; " + listener);
        }
    }

    /** {@code given}: the token a listener on another machine echoes; null: a fresh one, for the listener here. */
    private CheckResult udp(Check c, InetAddress to, String listener, Listeners listeners, byte[] given) {
        byte[] token = given;
        if (token == null) {
            token = new byte[16];
            RANDOM.nextBytes(token);
            listeners.expect(token);
        }
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(to, c.port()));
            byte[] buf = new byte[64];
            for (int attempt = 0; attempt < 3; attempt++) {
                s.send(new DatagramPacket(token, token.length));
                long waitUntil = Math.min(deadline, System.nanoTime() + timeoutMillis * 1_000_000L / 3);
                while (true) {
                    int wait = (int) ((waitUntil - System.nanoTime()) / 1_000_000L);
                    if (wait <= 0) break;
                    s.setSoTimeout(wait);
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    try {
                        s.receive(p);
                    } catch (SocketTimeoutException e) {
                        break;
                    }
                    if (Arrays.equals(buf, 0, p.getLength(), token, 0, token.length)) {
                        return CheckResult.of(c, true, "udp", "echo in " + millis((System.nanoTime() - start) / 1000) + "; " + listener);
                    }
                }
            }
            return CheckResult.of(c, false, "udp", "no echo within " + timeoutMillis + " ms; " + listener);
        } catch (PortUnreachableException e) {
            return CheckResult.of(c, false, "udp", "port unreachable (rejected); " + listener);
        } catch (IOException e) {
            return CheckResult.of(c, false, "udp", "send failed: " + e.getMessage() + "; " + listener);
        }
    }

    private static <T> T await(Future<T> f, long millis, T otherwise) {
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return otherwise;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return otherwise;
        } catch (Exception e) {
            return otherwise;
        }
    }

    static String method(Check c) {
        return c.protoOrDefault();
    }

    static String millis(long micros) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", micros / 1000.0);
    }
}
