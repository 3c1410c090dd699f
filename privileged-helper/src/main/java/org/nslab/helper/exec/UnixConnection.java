package org.nslab.helper.exec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nslab.helper.libc.LibC;

/**
 * One end of a connected Unix stream socket, as a bare descriptor: what Java's channels cannot do with it (pass
 * descriptors, read the peer's groups) done with libc. Blocking calls here block their platform thread, so they
 * are made on threads of their own, never on a virtual thread.
 */
final class UnixConnection implements AutoCloseable {
    /** The most descriptors one message carries: stdin, stdout, stderr and the working directory. */
    static final int MAX_FDS = 4;
    private static final int CMSG_HEADER = 16;
    private static final int MSGHDR_BYTES = 56;

    private static final LibC C = LibC.INSTANCE;
    private final int fd;
    private volatile boolean closed;

    UnixConnection(int fd) {
        this.fd = fd;
    }

    /** Connects to the socket at {@code path}. */
    static UnixConnection connect(Path path) throws IOException {
        int fd = call("socket", () -> C.socket(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0));
        try {
            byte[] address = address(path);
            call("connect to " + path, () -> C.connect(fd, address, address.length));
            return new UnixConnection(fd);
        } catch (IOException e) {
            C.close(fd);
            throw e;
        }
    }

    /** struct sockaddr_un for a path. */
    static byte[] address(Path path) throws IOException {
        byte[] name = path.toString().getBytes(StandardCharsets.UTF_8);
        if (name.length >= 108) throw new IOException("socket path too long: " + path);
        ByteBuffer b = ByteBuffer.allocate(2 + name.length + 1).order(ByteOrder.nativeOrder());
        b.putShort((short) LibC.AF_UNIX).put(name).put((byte) 0);
        return b.array();
    }

    int fd() {
        return fd;
    }

    /** Who is at the other end, as the kernel recorded it when they connected. */
    Peer peer() throws IOException {
        Memory cred = new Memory(12);
        int[] length = {12};
        call("SO_PEERCRED", () -> C.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_PEERCRED, cred, length));
        Memory groups = new Memory(4L * 65536);
        int[] glength = {(int) groups.size()};
        call("SO_PEERGROUPS", () -> C.getsockopt(fd, LibC.SOL_SOCKET, LibC.SO_PEERGROUPS, groups, glength));
        List<Integer> gids = new ArrayList<>();
        for (int i = 0; i < glength[0] / 4; i++) gids.add(groups.getInt(4L * i));
        return new Peer(cred.getInt(0), cred.getInt(4), cred.getInt(8), List.copyOf(gids));
    }

    /** The process that connected: pid, uid and gid at connect time, and its supplementary groups. */
    record Peer(int pid, int uid, int gid, List<Integer> groups) {}

    /** Sends one byte with {@code fds} attached (SCM_RIGHTS). */
    void send(byte b, int... fds) throws IOException {
        if (fds.length > MAX_FDS) throw new IllegalArgumentException("at most " + MAX_FDS + " descriptors");
        Memory data = new Memory(1);
        data.setByte(0, b);
        Memory iov = new Memory(16);
        iov.setPointer(0, data);
        iov.setLong(8, 1);
        Memory msg = new Memory(MSGHDR_BYTES);
        msg.clear();
        msg.setPointer(16, iov);
        msg.setLong(24, 1);
        if (fds.length > 0) {
            int space = CMSG_HEADER + align(4 * fds.length);
            Memory control = new Memory(space);
            control.clear();
            control.setLong(0, CMSG_HEADER + 4L * fds.length);
            control.setInt(8, LibC.SOL_SOCKET);
            control.setInt(12, LibC.SCM_RIGHTS);
            for (int i = 0; i < fds.length; i++) control.setInt(CMSG_HEADER + 4L * i, fds[i]);
            msg.setPointer(32, control);
            msg.setLong(40, space);
        }
        while (true) {
            try {
                if (C.sendmsg(fd, msg, LibC.MSG_NOSIGNAL) == 1) return;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) continue;
                throw new IOException("sendmsg: " + C.strerror(e.getErrorCode()));
            }
        }
    }

    /** One byte and the descriptors that came with it (close-on-exec); null at end of stream. */
    Received receive() throws IOException {
        Memory data = new Memory(1);
        Memory iov = new Memory(16);
        iov.setPointer(0, data);
        iov.setLong(8, 1);
        int space = CMSG_HEADER + align(4 * MAX_FDS);
        Memory control = new Memory(space);
        control.clear();
        Memory msg = new Memory(MSGHDR_BYTES);
        msg.clear();
        msg.setPointer(16, iov);
        msg.setLong(24, 1);
        msg.setPointer(32, control);
        msg.setLong(40, space);
        long n;
        while (true) {
            try {
                n = C.recvmsg(fd, msg, LibC.MSG_CMSG_CLOEXEC);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) continue;
                if (closed) return null;
                throw new IOException("recvmsg: " + C.strerror(e.getErrorCode()));
            }
        }
        List<Integer> fds = new ArrayList<>();
        long controlLength = msg.getLong(40);
        if (controlLength >= CMSG_HEADER && control.getInt(8) == LibC.SOL_SOCKET && control.getInt(12) == LibC.SCM_RIGHTS) {
            long count = (control.getLong(0) - CMSG_HEADER) / 4;
            for (int i = 0; i < count; i++) fds.add(control.getInt(CMSG_HEADER + 4L * i));
        }
        if (n <= 0) {
            fds.forEach(UnixConnection::closeQuietly);
            return null;
        }
        return new Received(data.getByte(0), fds.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A byte and its descriptors, which the receiver now owns. */
    record Received(byte value, int[] fds) {}

    /** Wakes a thread blocked reading this connection (it sees the end of the stream). */
    void shutdown() {
        try {
            C.shutdown(fd, LibC.SHUT_RDWR);
        } catch (LastErrorException ignored) {
            // not connected any more
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        closeQuietly(fd);
    }

    static void closeQuietly(int fd) {
        if (fd < 0) return;
        try {
            C.close(fd);
        } catch (LastErrorException ignored) {
            // closed already
        }
    }

    private static int align(int n) {
        return (n + 7) & ~7;
    }

    interface NativeCall {
        int run() throws LastErrorException;
    }

    /** Runs a libc call that returns -1 with errno on failure, retrying on EINTR; the error as an IOException. */
    static int call(String what, NativeCall call) throws IOException {
        while (true) {
            try {
                return call.run();
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) continue;
                throw new IOException(what + ": " + C.strerror(e.getErrorCode()));
            }
        }
    }

}
