package org.nslab.helper.check;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP listeners and UDP echo responders a set of checks needs, each opened inside the namespace that owns
 * the target address (a socket keeps the namespace it was created in, so it is served from any thread).
 * One per distinct endpoint, shared by every check to it; closed all together.
 */
final class Listeners implements AutoCloseable {
    /** A listening endpoint, or why there is none: {@code existing} means a service already listens there. */
    record Endpoint(String proto, String netns, InetAddress address, int port) {}

    record Status(boolean ours, boolean existing, String problem) {}

    private final Map<Endpoint, Status> status = new HashMap<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    /** The probes' random tokens: a responder echoes only those, so it never answers (or reflects) anyone else. */
    private final java.util.Set<java.nio.ByteBuffer> tokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Connections accepted and datagrams echoed, over every endpoint. */
    private final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();

    int answered() {
        return answered.get();
    }

    /** Lets the UDP responders echo this token; call before sending it. */
    void expect(byte[] token) {
        tokens.add(java.nio.ByteBuffer.wrap(token.clone()));
    }

    Status open(Endpoint e) {
        return status.computeIfAbsent(e, this::start);
    }

    private Status start(Endpoint e) {
        try {
            AutoCloseable socket = Namespaces.call(e.netns(), () -> bind(e));
            synchronized (open) {
                open.add(socket);
            }
            return new Status(true, false, null);
        } catch (BindException be) {
            if (String.valueOf(be.getMessage()).contains("in use")) return new Status(false, true, null);
            return new Status(false, false, "cannot listen on " + e.proto() + " " + e.address().getHostAddress() + ":" + e.port()
                    + " in " + e.netns() + ": " + be.getMessage() + " (is the lab applied?)");
        } catch (Exception ex) {
            return new Status(false, false, "cannot listen in " + e.netns() + ": " + ex.getMessage());
        }
    }

    private AutoCloseable bind(Endpoint e) throws IOException {
        InetSocketAddress at = new InetSocketAddress(e.address(), e.port());
        if (e.proto().equals("tcp")) {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(at);
            Thread.ofVirtual().start(() -> acceptLoop(server));
            return server;
        }
        DatagramSocket udp = new DatagramSocket(null);
        udp.bind(at);
        Thread.ofVirtual().start(() -> echoLoop(udp));
        return udp;
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                // The handshake is the answer; nothing is read or written.
                answered.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void echoLoop(DatagramSocket udp) {
        byte[] buf = new byte[1500];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                if (!tokens.contains(java.nio.ByteBuffer.wrap(p.getData(), 0, p.getLength()))) continue;
                udp.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
                answered.incrementAndGet();
            } catch (IOException closed) {
                if (udp.isClosed()) return;
            }
        }
    }

    @Override
    public void close() {
        synchronized (open) {
            for (AutoCloseable c : open) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // Closing a listener cannot fail in a way worth reporting.
                }
            }
            open.clear();
        }
    }
}
