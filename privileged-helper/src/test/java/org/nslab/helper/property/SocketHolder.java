package org.nslab.helper.property;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nslab.helper.kernel.InNamespace;
import org.nslab.helper.kernel.KernelException;

/**
 * An open TCP connection over the loopback of a lab namespace, made from this JVM (a thread enters the namespace to
 * open it, so no process starts). After a re-apply the namespace that now carries the name must still list the
 * connection as established in its own /proc/thread-self/net/tcp: a namespace deleted and made again under the same
 * name would not. A firewall that drops loopback traffic leaves the holder unconnected, and only the namespace's
 * identity is checked then.
 */
final class SocketHolder implements AutoCloseable {
    final String netns;
    private final ServerSocket server;
    private final Socket client;
    private final Socket accepted;

    private SocketHolder(String netns, ServerSocket server, Socket client, Socket accepted) {
        this.netns = netns;
        this.server = server;
        this.client = client;
        this.accepted = accepted;
    }

    static SocketHolder open(String netns) {
        try {
            return InNamespace.call(netns, () -> {
                ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                server.setSoTimeout(300);
                Socket client = new Socket();
                try {
                    client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 300);
                    return new SocketHolder(netns, server, client, server.accept());
                } catch (IOException blocked) {
                    client.close();
                    return new SocketHolder(netns, server, null, null);
                }
            });
        } catch (KernelException e) {
            throw new IllegalStateException("cannot enter " + netns + ": " + e.getMessage(), e);
        }
    }

    boolean connected() {
        return client != null;
    }

    /** Whether the namespace now named {@link #netns} holds this connection, established (TCP state 01). */
    boolean establishedThere() throws IOException {
        // The JVM's sockets may be IPv6 ones carrying IPv4 (then listed in tcp6): match the ports.
        String local = String.format(":%04X", client.getLocalPort());
        String remote = String.format(":%04X", server.getLocalPort());
        try {
            return InNamespace.call(netns, () -> {
                for (String file : new String[] {"tcp", "tcp6"}) {
                    for (String line : Files.readAllLines(Path.of("/proc/thread-self/net", file))) {
                        String[] f = line.trim().split("\\s+");
                        if (f.length > 3 && f[1].endsWith(local) && f[2].endsWith(remote)) return f[3].equals("01");
                    }
                }
                return false;
            });
        } catch (KernelException e) {
            throw new IOException("cannot enter " + netns + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {accepted, client, server}) {
            try {
                if (c != null) c.close();
            } catch (Exception e) {
                // closing a socket of a namespace that may be gone
            }
        }
    }
}
