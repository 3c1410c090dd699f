package org.nslab.helper.exec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import org.nslab.helper.libc.LibC;

/**
 * The socket where one client hands over the descriptors of one command: made beside the helper's socket under an
 * unguessable name, owned by the caller with mode 0600 (so only the caller and root can connect), accepting one
 * connection whose peer is the caller, and removed as soon as that connection is made or the wait is over.
 */
public final class Rendezvous implements AutoCloseable {
    private static final LibC C = LibC.INSTANCE;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;
    private final int fd;
    private final int uid;
    private boolean closed;

    private Rendezvous(Path path, int fd, int uid) {
        this.path = path;
        this.fd = fd;
        this.uid = uid;
    }

    /** A new socket in {@code dir} that only {@code uid} (and root) may connect to. */
    public static Rendezvous open(Path dir, int uid) throws IOException {
        byte[] name = new byte[16];
        RANDOM.nextBytes(name);
        Path path = dir.resolve(".exec-" + HexFormat.of().formatHex(name) + ".sock");
        int fd = UnixConnection.call("socket", () -> C.socket(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0));
        try {
            // Bound with mode 0600 owned by root (fchmod before bind sets the inode's mode), then given to the caller:
            // nobody else can connect in between.
            UnixConnection.call("fchmod", () -> C.fchmod(fd, 0600));
            byte[] address = UnixConnection.address(path);
            UnixConnection.call("bind " + path, () -> C.bind(fd, address, address.length));
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Files.setAttribute(path, "unix:uid", uid);
            UnixConnection.call("listen", () -> C.listen(fd, 1));
            return new Rendezvous(path, fd, uid);
        } catch (IOException | RuntimeException e) {
            UnixConnection.closeQuietly(fd);
            Files.deleteIfExists(path);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /**
     * The caller's connection, once it comes within {@code wait}; a connection from anyone else (root only could) is
     * closed. Blocks its thread: call it from a platform thread.
     */
    UnixConnection accept(Duration wait) throws IOException {
        long end = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw new IOException("the client did not connect to " + path + " within " + wait.toSeconds() + " s");
                byte[] pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(fd).putShort(LibC.POLLIN).putShort((short) 0).array();
                if (UnixConnection.call("poll", () -> C.poll(pollfd, 1, (int) Math.min(left, Integer.MAX_VALUE))) == 0) continue;
                int client = UnixConnection.call("accept", () -> C.accept4(fd, null, null, LibC.SOCK_CLOEXEC));
                UnixConnection connection = new UnixConnection(client);
                if (connection.peer().uid() == uid) return connection;
                connection.close();
            }
        } finally {
            close();
        }
    }

    /** Stops listening and removes the socket file. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        UnixConnection.closeQuietly(fd);
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the folder went away
        }
    }
}
