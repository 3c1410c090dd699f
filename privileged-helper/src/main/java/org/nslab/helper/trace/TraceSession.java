package org.nslab.helper.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.nslab.engine.model.Topology;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.walk.Walk;
import org.nslab.helper.kernel.Tools;

/**
 * Tracing switched on in every lab namespace for a series of probes: the trace table and one {@code nft
 * monitor trace} per namespace stay for the session. After each probe a marker (a datagram to 127.0.0.7 over
 * each namespace's lo) shows that every monitor has printed all of it, so one probe's lines never mix with the
 * next. Closing removes the monitors and the tables.
 */
public final class TraceSession implements AutoCloseable {
    static final String MARKER = "127.0.0.7";
    private static final java.net.InetAddress MARKER_ADDRESS = address(MARKER);
    private static final long MARKER_WAIT_MILLIS = 5000;
    /** Lines a session keeps between two collections, all namespaces together: some 15 MB of nft's lines. */
    static final long LINE_BUDGET = 50_000;

    private final Topology design;
    private final List<String> ids = new ArrayList<>();
    private final Map<String, Process> monitors = new LinkedHashMap<>();
    private final Map<String, TraceLines> lines = new LinkedHashMap<>();
    private final long lineBudget;
    private final AtomicLong budget;
    /** Each namespace's rules as nft lists them; the lab's rules do not change during a session. */
    private final Map<String, Map<String, Map<String, List<String>>>> rules = new LinkedHashMap<>();

    private boolean closed;
    private int nextEchoId = java.util.concurrent.ThreadLocalRandom.current().nextInt(65536);

    private TraceSession(Topology design, long lineBudget) {
        this.design = design;
        this.lineBudget = lineBudget;
        this.budget = new AtomicLong(lineBudget);
    }

    public static TraceSession open(Topology t) throws IOException {
        return open(t, LINE_BUDGET);
    }

    static TraceSession open(Topology t, long lineBudget) throws IOException {
        TraceSession s = new TraceSession(t, lineBudget);
        try {
            s.start();
            return s;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void start() throws IOException {
        for (String id : design.namespaces().keySet()) if (!Topology.HOST.equals(id)) ids.add(id);
        for (String id : ids) {
            String ns = design.kernelName(id);
            // inet: IPv4 and IPv6 alike, before raw in both (ip6tables-nft's raw is at -300 as iptables-nft's).
            KernelTrace.run(ns, List.of(Tools.path("nft"), "-f", "-"), "table inet " + KernelTrace.TABLE + " {\n chain pre {\n"
                    + "  type filter hook prerouting priority -350;\n  meta nftrace set 1\n }\n chain out {\n"
                    + "  type filter hook output priority -350;\n  meta nftrace set 1\n }\n}\n");
            Process p = KernelTrace.start(ns, List.of(Tools.path("nft"), "monitor", "trace"));
            monitors.put(id, p);
            TraceLines buffer = new TraceLines(budget);
            lines.put(id, buffer);
            Tools.drain(p.getErrorStream());
            Thread.ofVirtual().name("trace-" + id).start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) buffer.add(line);
                } catch (IOException ignored) {
                    // The monitor was stopped.
                }
            });
        }
        // The monitors are listening once a marker sent after their start reaches each of them.
        for (int attempt = 0; ; attempt++) {
            try {
                mark();
                break;
            } catch (IOException e) {
                if (attempt == 3) throw e;
            }
        }
        take();
    }

    /** Sends the walk's packet and returns what the kernel did with it and its answer. */
    public org.nslab.engine.lab.LiveTrace probe(Walk walk, long timeoutMillis) throws IOException {
        return probe(walk, timeoutMillis, null);
    }

    /** The same, an icmp probe carrying {@code chosenEchoId} (a trace across machines chose it), or a fresh one when null. */
    public org.nslab.engine.lab.LiveTrace probe(Walk walk, long timeoutMillis, Integer chosenEchoId) throws IOException {
        Protocol proto = walk.request().protocol();
        if (proto == Protocol.UDP) throw new IOException("a live trace sends icmp or tcp: nothing in a lab answers a udp datagram");
        if (Topology.HOST.equals(walk.request().from())) throw new IOException("a live trace starts in a lab namespace, not host");
        // A new identifier each probe: a repeated one would find the last probe's conntrack entry, and the packet,
        // no longer the first of its flow, would skip the nat chains the walk (a new flow) goes through.
        int echoId = chosenEchoId != null ? chosenEchoId : nextEchoId++ % 65536;
        boolean answered = KernelTrace.probe(design, walk, timeoutMillis, echoId);
        return collect(proto, proto == Protocol.ICMP ? echoId : walk.request().sourcePort(), answered);
    }

    /** The lab namespaces traced (ids of the design), in design order. */
    public List<String> namespaces() {
        return List.copyOf(ids);
    }

    /**
     * Everything the monitors printed since the last collection (a marker shows they have printed it all), read as the
     * decisions of a {@code proto} packet and its answer: a probe's, or on a machine that only watches, a packet another
     * machine sent.
     */
    public org.nslab.engine.lab.LiveTrace collect(Protocol proto, boolean answered) throws IOException {
        return collect(proto, null, answered);
    }

    /** The same, counting only the packets of the probe whose echo identifier or source port is {@code probeId}. */
    org.nslab.engine.lab.LiveTrace collect(Protocol proto, Integer probeId, boolean answered) throws IOException {
        mark();
        Map<String, TraceLines.Round> seen = take();
        for (String id : ids) if (seen.get(id).dropped() > 0) throw drowned(id, seen.get(id).dropped());
        Map<String, List<org.nslab.engine.lab.LiveTrace.Event>> request = new LinkedHashMap<>();
        Map<String, List<org.nslab.engine.lab.LiveTrace.Event>> reply = new LinkedHashMap<>();
        for (String id : ids) {
            if (!rules.containsKey(id)) {
                rules.put(id, TraceParser.rules(KernelTrace.run(design.kernelName(id), List.of(Tools.path("nft"), "list", "ruleset"), null)));
            }
            TraceParser.parse(String.join("\n", seen.get(id).lines()), rules.get(id), proto, probeId, request, reply, id);
        }
        return new org.nslab.engine.lab.LiveTrace(design.name(), answered, request, reply);
    }

    /**
     * A datagram over lo in every namespace, sent from this process (no program started: a marker per probe was most
     * of a probe's cost), then a wait until every monitor has printed it. Each is sent from 127.0.0.7 to itself on a
     * port of its own, so no error answers it and the wait is for this round's datagram: a trace line of an earlier
     * marker (lo's second hook prints a little later) must not count as this one. Only the line of the trace table
     * counts, printed before any lab rule sees the datagram, so a lab rule that drops it changes nothing.
     */
    private void mark() throws IOException {
        for (String id : ids) {
            TraceLines buffer = lines.get(id);
            KernelTrace.inNamespace(design.kernelName(id), () -> {
                try (java.net.DatagramSocket s = new java.net.DatagramSocket(new java.net.InetSocketAddress(MARKER_ADDRESS, 0))) {
                    // Expected before it is sent: its line may come at once, and is recognised as it arrives.
                    buffer.expect("sport " + s.getLocalPort() + " ");
                    try {
                        s.send(new java.net.DatagramPacket(new byte[] {0}, 1, MARKER_ADDRESS, s.getLocalPort()));
                    } catch (java.net.SocketException droppedOnTheWayOut) {
                        // A lab rule dropped it in OUTPUT (the kernel says EPERM): after the trace table printed it.
                    }
                    return null;
                }
            });
        }
        long deadline = System.currentTimeMillis() + MARKER_WAIT_MILLIS;
        for (String id : ids) {
            try {
                TraceLines buffer = lines.get(id);
                if (!buffer.awaitMarker(Math.max(0, deadline - System.currentTimeMillis()))) {
                    // Under a flood the kernel drops trace events its monitor reads too slowly, the marker's among them.
                    if (buffer.dropped() > 0) throw drowned(id, buffer.dropped());
                    throw new IOException("the kernel's trace in " + id + " did not show the marker");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    private IOException drowned(String id, long lost) {
        return new IOException("the kernel's trace in " + id + " printed " + lost + " lines more than a trace keeps (" + lineBudget
                + " across the lab): other traffic there drowns the traced packet's; stop it and trace again");
    }

    private static java.net.InetAddress address(String literal) {
        try {
            return java.net.InetAddress.getByAddress(org.nslab.engine.net.IpAddress.parse(literal).toBytes());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isMarker(String line) {
        return line.contains("ip daddr " + MARKER + " ") || line.contains("ip saddr " + MARKER + " ");
    }

    /** Every namespace's lines up to the marker, removed from the buffers. */
    private Map<String, TraceLines.Round> take() {
        Map<String, TraceLines.Round> out = new LinkedHashMap<>();
        for (String id : ids) out.put(id, lines.get(id).take());
        return out;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (Process p : monitors.values()) {
            p.destroy();
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (String id : ids) {
            try {
                KernelTrace.run(design.kernelName(id), List.of(Tools.path("nft"), "delete", "table", "inet", KernelTrace.TABLE), null);
            } catch (IOException ignored) {
                // Not there: setting it up failed before.
            }
        }
    }
}
