package org.nslab.helper.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.nslab.engine.lab.LiveTrace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.walk.Walk;
import org.nslab.helper.kernel.InNamespace;
import org.nslab.helper.kernel.KernelException;
import org.nslab.helper.kernel.Tools;

/**
 * Sends the walked packet in the applied lab and reads the kernel's own account of it: every lab namespace gets
 * a small nftables table that sets {@code nftrace} on each IPv4 packet before raw, and an {@code nft monitor
 * trace} in it; the lab's iptables-nft rules then report each rule that matched and each policy met. The
 * table and the monitors are removed afterwards. Root, in-process; ICMP (ping) and TCP (a connect, with a
 * listener where the walk delivers) only.
 */
public final class KernelTrace {
    private KernelTrace() {}

    static final String TABLE = "nslab_trace";

    /**
     * Sends the walk's packet from its namespace and collects every lab namespace's trace; an icmp probe carries
     * {@code echoId}, or a fresh identifier when null.
     */
    public static LiveTrace run(Topology t, Walk walk, long timeoutMillis, Integer echoId) throws IOException {
        try (TraceSession session = TraceSession.open(t)) {
            return session.probe(walk, timeoutMillis, echoId);
        }
    }

    /**
     * Tracing on in every lab namespace while another machine sends, nothing sent here: {@code watch} is told once it is
     * on, and tracing ends when its awaitStop returns or {@code limitMillis} after it began, whichever comes first (a
     * timer ends it at the limit, whatever the caller does); the monitors and tables are gone before this returns.
     * {@code probe}: the packet's echo identifier or tcp source port, only whose packets count (null: every one of the kind).
     */
    public static LiveTrace watch(Topology t, Protocol proto, long limitMillis, Integer probe, org.nslab.engine.protocol.TraceWatch watch)
            throws IOException {
        try (TraceSession session = TraceSession.open(t)) {
            CompletableFuture<LiveTrace> seen = new CompletableFuture<>();
            Runnable end = () -> {
                synchronized (seen) {
                    if (seen.isDone()) return;
                    try {
                        seen.complete(session.collect(proto, probe, false));
                    } catch (IOException | RuntimeException e) {
                        seen.completeExceptionally(e);
                    } finally {
                        session.close();
                    }
                }
            };
            CompletableFuture<Void> limit = CompletableFuture.runAsync(end, CompletableFuture.delayedExecutor(limitMillis, TimeUnit.MILLISECONDS));
            try {
                watch.tracing(session.namespaces());
                watch.awaitStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                limit.cancel(false);
                end.run();
            }
            try {
                return seen.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof IOException io) throw io;
                throw e;
            }
        }
    }

    /** {@code echoId}: the identifier an icmp probe's echo carries (unused for tcp, which sends from the walk's port). */
    static boolean probe(Topology t, Walk walk, long timeoutMillis, int echoId) throws IOException {
        String from = t.kernelName(walk.request().from());
        String dst = walk.request().to().toString();
        if (walk.request().protocol() == Protocol.ICMP) {
            // An identifier of the probe's own, by which the trace tells it from the lab's own pings.
            List<String> cmd = new ArrayList<>(List.of(Tools.path("ping"), "-c", "1", "-n", "-q", "-e", String.valueOf(echoId),
                    "-W", String.format(java.util.Locale.ROOT, "%.3f", timeoutMillis / 1000.0)));
            if (walk.request().source() != null) cmd.addAll(List.of("-I", walk.request().source().toString()));
            cmd.add(dst);
            Process p = start(from, cmd);
            Tools.drain(p.getInputStream());
            Tools.drain(p.getErrorStream());
            try {
                if (!p.waitFor(timeoutMillis + 5000, TimeUnit.MILLISECONDS)) p.destroyForcibly();
                return p.exitValue() == 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        ServerSocket listener = null;
        if (walk.requestLeg().delivered()) {
            String at = t.kernelName(walk.requestLeg().namespace());
            int port = walk.requestLeg().packet().destinationPort();
            listener = inNamespace(at, () -> {
                ServerSocket s = new ServerSocket();
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(port));
                return s;
            });
        }
        try {
            return inNamespace(from, () -> {
                // A blocking connect, ended by closing the socket when the time is up: it returns once the SYN-ACK has
                // made the socket ESTABLISHED, which is what the walk calls answered. A connect with a timeout polls and
                // then reads SO_ERROR, which also reports a soft error (an ICMP error for the handshake's ACK, as when the
                // sender's OUTPUT rejects ESTABLISHED packets) as if the answer had never come.
                Socket s = new Socket();
                java.util.concurrent.CompletableFuture<Void> deadline = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        s.close();
                    } catch (IOException ignored) {
                        // Closing only ends the wait.
                    }
                }, java.util.concurrent.CompletableFuture.delayedExecutor(timeoutMillis, TimeUnit.MILLISECONDS));
                try (s) {
                    s.setReuseAddress(true);
                    s.bind(new InetSocketAddress(walk.request().source() == null ? null : walk.request().source().toInetAddress(),
                            walk.request().sourcePort()));
                    s.connect(new InetSocketAddress(walk.request().to().toInetAddress(), walk.request().port()));
                    return true;
                } catch (IOException e) {
                    return false;
                } finally {
                    deadline.cancel(false);
                }
            });
        } finally {
            if (listener != null) listener.close();
        }
    }

    static <T> T inNamespace(String ns, java.util.concurrent.Callable<T> task) throws IOException {
        try {
            return InNamespace.call(ns, task);
        } catch (KernelException e) {
            throw new IOException("namespace " + ns + ": " + e.getMessage() + " (is the lab applied?)", e);
        }
    }

    static Process start(String ns, List<String> cmd) throws IOException {
        return inNamespace(ns, () -> new ProcessBuilder(cmd).start());
    }

    static String run(String ns, List<String> cmd, String stdin) throws IOException {
        Process p = start(ns, cmd);
        CompletableFuture<String> out = Tools.drain(p.getInputStream());
        CompletableFuture<String> err = Tools.drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(cmd.get(0) + " did not finish in " + ns);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " in " + ns + ": " + err.join().strip());
        return out.join();
    }
}
