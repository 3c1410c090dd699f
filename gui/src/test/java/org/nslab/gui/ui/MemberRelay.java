package org.nslab.gui.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Lets this root test JVM reach the helper as a member does: every connection to {@link #socket()} is carried to the
 * helper's socket by {@code nc -U} running under another uid (setpriv), so the helper's SO_PEERCRED sees the member.
 * Only plain requests pass (no descriptors); doctor and apply need no more.
 */
final class MemberRelay implements AutoCloseable {
    private final Path socket;
    private final ServerSocketChannel server;
    private final List<Process> relays = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    MemberRelay(Path socket, Path helperSocket, int uid, int group) throws IOException {
        this.socket = socket;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    SocketChannel client = server.accept();
                    Process nc = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--groups=" + group,
                            "nc", "-U", helperSocket.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                    relays.add(nc);
                    Thread.ofVirtual().start(() -> pump(Channels.newInputStream(client), nc.getOutputStream(), nc));
                    Thread.ofVirtual().start(() -> pump(nc.getInputStream(), Channels.newOutputStream(client), nc));
                }
            } catch (IOException closed) {
                // the relay is being closed
            }
        });
    }

    Path socket() {
        return socket;
    }

    private static void pump(InputStream from, OutputStream to, Process nc) {
        try (from; to) {
            // Message by message: a process's stdin is buffered, and a request must not wait in that buffer.
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = from.read(buffer)) >= 0; ) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException gone) {
            // one side hung up
        } finally {
            nc.destroy();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        try {
            acceptor.join(5_000);
            for (Process p : relays) {
                p.destroy();
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(socket);
    }
}
