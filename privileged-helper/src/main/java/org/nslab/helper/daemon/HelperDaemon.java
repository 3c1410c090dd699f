package org.nslab.helper.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.lab.LabHost;

/**
 * The privileged helper: recovers what a previous run left half done, then serves clients on a Unix socket whose
 * group and mode decide who may connect. Each connection gets its own virtual thread; kernel work runs where the
 * lab service puts it (short-lived platform threads per namespace).
 */
public final class HelperDaemon implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HelperDaemon.class.getName());

    private final HelperConfig config;
    private final LabHost host;
    private final RequestHandler handler;
    private final ScheduledExecutorService timer = timeouts();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final ConnectionSlots slots;
    private final RequestMemory memory;
    private ServerSocketChannel server;
    private Thread acceptor;

    public HelperDaemon(HelperConfig config, LabHost host) {
        this(config, host, org.nslab.helper.policy.PolicyGate.defaults());
    }

    /** With the member policy an administrator configured ({@link org.nslab.helper.policy.PolicyFile}). */
    public HelperDaemon(HelperConfig config, LabHost host, org.nslab.helper.policy.PolicyGate policy) {
        this.config = config;
        this.host = host;
        this.handler = new RequestHandler(host, config.limits(), policy, config.socket().toAbsolutePath().getParent());
        this.slots = new ConnectionSlots(config.limits());
        this.memory = new RequestMemory(config.limits().requestMemory());
    }

    /** Recovers, binds the socket with its group and mode, and starts accepting. Returns once clients can connect. */
    public synchronized void start() throws IOException {
        host.recover();
        ServerSocketChannel listening = bind();
        server = listening;
        acceptor = Thread.ofPlatform().name("nslab-helper-accept").start(() -> acceptLoop(listening));
        LOG.info("nslab helper listening on " + config.socket());
    }

    /** Blocks until the helper is closed. */
    public void awaitTermination() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = acceptor;
        }
        if (t != null) t.join();
    }

    private ServerSocketChannel bind() throws IOException {
        Path socket = config.socket();
        Path dir = socket.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            // Group members must be able to reach the socket; the socket's own mode decides who may connect.
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } else if (!Files.getPosixFilePermissions(dir).contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
            // An in-process apply by root may have made the state folder 0700 before any helper ran.
            if (dir.equals(HelperConfig.DEFAULT_SOCKET.getParent())) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            } else {
                LOG.warning(dir + " is not searchable by others, so only root can reach the socket in it");
            }
        }
        if (Files.exists(socket)) {
            if (HelperClient.listening(socket)) throw new IOException("another helper is already listening on " + socket);
            Files.delete(socket); // left by a helper that was killed
        }
        // Bound under a private name and renamed into place once its group and mode are set, so a client never
        // finds the socket with the umask's mode (a member connecting in that window was refused).
        Path bound = socket.resolveSibling("." + socket.getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(bound);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(bound), 64);
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            if (config.group() != null) {
                GroupPrincipal group = bound.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(config.group());
                Files.getFileAttributeView(bound, PosixFileAttributeView.class).setGroup(group);
            }
            Files.setPosixFilePermissions(bound, config.mode());
            Files.move(bound, socket, StandardCopyOption.ATOMIC_MOVE);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(bound);
            throw e;
        }
    }

    private void acceptLoop(ServerSocketChannel listening) {
        while (true) {
            SocketChannel client;
            try {
                client = listening.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accept failed", e);
                continue;
            }
            int uid;
            try {
                // Who is asking decides whether there is room, so the uid is read before a session exists.
                uid = PeerCredentials.uid(client);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            String full = slots.take(uid);
            if (full != null) {
                refuseBusy(client, full);
                continue;
            }
            Session session = new Session(client, uid, config, handler, timer, memory);
            sessions.add(session);
            Thread.ofVirtual().name("nslab-helper-conn").start(() -> {
                try {
                    session.run();
                } finally {
                    sessions.remove(session);
                    slots.give(uid);
                }
            });
        }
    }

    /**
     * Says busy and hangs up. What the client sent meanwhile (its hello) is read and dropped for a moment first:
     * closing a Unix socket with unread bytes resets it, and the client would lose the answer.
     */
    private void refuseBusy(SocketChannel client, String why) {
        Thread.ofVirtual().start(() -> {
            var cutOff = timer.schedule(() -> closeQuietly(client), 2, java.util.concurrent.TimeUnit.SECONDS);
            try (client) {
                client.write(java.nio.ByteBuffer.wrap(ProtocolJson.encode(new Response.Error(0, ErrorCode.BUSY.wire(),
                        why + "; try again", List.of()))));
                client.shutdownOutput();
                java.nio.ByteBuffer sink = java.nio.ByteBuffer.allocate(4096);
                while (client.read(sink.clear()) >= 0) {
                    // dropped
                }
            } catch (IOException ignored) {
                // the client left already, or the moment is over
            } finally {
                cutOff.cancel(false);
            }
        });
    }

    /**
     * One thread for every connection's deadlines. A deadline is armed and cancelled several times per request; a
     * cancelled one leaves the queue at once instead of at its time (up to 30 s later), so under load the queue does
     * not hold tens of thousands of them (the soak saw 1.6 MiB of live heap in them).
     */
    private static ScheduledExecutorService timeouts() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "nslab-helper-timeouts");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private static void closeQuietly(SocketChannel client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /**
     * Stops accepting and removes the socket, lets requests in progress finish for up to {@code grace}, then closes
     * the remaining connections. A request cut off by a later kill is finished or rolled back by the next start.
     */
    public void stop(Duration grace) {
        synchronized (this) {
            if (server == null) return;
            try {
                server.close();
                Files.deleteIfExists(config.socket());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "closing the socket failed", e);
            }
            server = null;
        }
        long end = System.nanoTime() + grace.toNanos();
        while (!sessions.isEmpty() && System.nanoTime() < end && sessions.stream().anyMatch(Session::busy)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        sessions.forEach(Session::closeQuietly);
        timer.shutdownNow();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
