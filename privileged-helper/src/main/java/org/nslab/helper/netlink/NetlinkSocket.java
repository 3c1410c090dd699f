package org.nslab.helper.netlink;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.nslab.helper.libc.LibC;

/**
 * A NETLINK_ROUTE socket. It stays bound to the network namespace of the thread that opened it, so a socket
 * opened once inside a namespace can be used from any thread afterwards.
 *
 * <p>{@link #transact} pipelines: it packs many requests into one send, lets the kernel process them in order,
 * then collects the acks, matching each to its request by sequence number. Windows are bounded so the acks
 * always fit the receive buffer (a full buffer would drop acks with ENOBUFS).
 */
public final class NetlinkSocket implements AutoCloseable {
    private static final LibC C = LibC.INSTANCE;
    // Dump datagrams are capped by the kernel at 32 KiB; single replies about our links are far smaller.
    private static final int RECEIVE_BUFFER = 64 * 1024;
    private static final int SOCKET_RCVBUF = 8 << 20;
    private static final int SOCKET_SNDBUF = 1 << 20;
    private static final int WINDOW_MESSAGES = 512;
    private static final int WINDOW_BYTES = 128 * 1024;

    private final int fd;
    private final Memory rx = new Memory(RECEIVE_BUFFER);
    private int nextSeq = 1;
    private boolean closed;

    /** What the kernel answered to one request: errno 0 for success, else the errno and its extended-ack text. */
    public record Outcome(int errno, String detail) {
        public boolean ok() { return errno == 0; }
    }

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** Opens a socket in the calling thread's network namespace. */
    public static NetlinkSocket open() throws ErrnoException {
        return open(0);
    }

    /** Opens a socket in the calling thread's namespace that also receives the multicast {@code groups} (RTMGRP_* bits). */
    public static NetlinkSocket open(int groups) throws ErrnoException {
        int fd;
        try {
            fd = C.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, LibC.NETLINK_ROUTE);
        } catch (LastErrorException e) {
            throw ErrnoException.of("socket(NETLINK_ROUTE)", e);
        }
        try {
            bufferSize(fd, LibC.SO_RCVBUFFORCE, LibC.SO_RCVBUF, SOCKET_RCVBUF);
            bufferSize(fd, LibC.SO_SNDBUFFORCE, LibC.SO_SNDBUF, SOCKET_SNDBUF);
            // Short acks (no copy of the request) with the kernel's error text, where the kernel offers them.
            optional(fd, LibC.NETLINK_CAP_ACK);
            optional(fd, LibC.NETLINK_EXT_ACK);
            ByteBuffer addr = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
            addr.putShort((short) LibC.AF_NETLINK).putShort((short) 0).putInt(0).putInt(groups);
            C.bind(fd, addr.array(), 12);
        } catch (LastErrorException e) {
            C.close(fd);
            throw ErrnoException.of("netlink socket setup", e);
        }
        return new NetlinkSocket(fd);
    }

    private static void bufferSize(int fd, int forced, int plain, int size) {
        try {
            C.setsockopt(fd, LibC.SOL_SOCKET, forced, new int[] {size}, 4);
        } catch (LastErrorException e) {
            C.setsockopt(fd, LibC.SOL_SOCKET, plain, new int[] {size}, 4); // without CAP_NET_ADMIN: capped by rmem_max
        }
    }

    private static void optional(int fd, int option) {
        try {
            C.setsockopt(fd, LibC.SOL_NETLINK, option, new int[] {1}, 4);
        } catch (LastErrorException ignored) {
            // older kernels: plain acks still work
        }
    }

    /** Sends one request and waits for its ack; throws the kernel's refusal. */
    public void execute(Message request) throws ErrnoException {
        Outcome o = transact(List.of(request)).get(0);
        if (!o.ok()) throw new ErrnoException(name(request.type()), o.errno(), o.detail());
    }

    /**
     * Sends every request with an ack and returns each one's outcome, in order. A refused request does not stop
     * the ones after it (the kernel processes each independently). Throws only if the socket itself fails.
     */
    public synchronized List<Outcome> transact(List<Message> requests) throws ErrnoException {
        int n = requests.size();
        int firstSeq = nextSeq;
        nextSeq += n;
        byte[][] wire = new byte[n][];
        for (int k = 0; k < n; k++) {
            wire[k] = requests.get(k).encode(firstSeq + k);
            wire[k][6] |= (byte) Rtnl.NLM_F_ACK; // low byte of the flags, in host (little-endian) order
        }
        Outcome[] outcomes = new Outcome[n];
        int i = 0;
        while (i < n) {
            int from = i;
            int bytes = 0;
            do bytes += wire[i++].length;
            while (i < n && i - from < WINDOW_MESSAGES && bytes + wire[i].length <= WINDOW_BYTES);
            ByteBuffer batch = ByteBuffer.allocate(bytes);
            for (int k = from; k < i; k++) batch.put(wire[k]);
            send(batch.array(), bytes);
            int pending = i - from;
            while (pending > 0) {
                for (Reply r : receive()) {
                    int k = r.seq() - firstSeq;
                    if (r.type() != Rtnl.NLMSG_ERROR || k < from || k >= i || outcomes[k] != null) continue;
                    outcomes[k] = outcome(r);
                    pending--;
                }
            }
        }
        return List.of(outcomes);
    }

    /** A request that has one answer (RTM_GETLINK by name, ...): the answer, or the kernel's refusal. */
    public synchronized Reply get(Message request) throws ErrnoException {
        int seq = nextSeq++;
        byte[] m = request.encode(seq);
        send(m, m.length);
        while (true) {
            for (Reply r : receive()) {
                if (r.seq() != seq) continue;
                if (r.type() == Rtnl.NLMSG_ERROR) {
                    Outcome o = outcome(r);
                    throw new ErrnoException(name(request.type()), o.errno(), o.detail());
                }
                return r;
            }
        }
    }

    /** A dump request: every part until NLMSG_DONE. Restarts when the kernel marks the dump interrupted. */
    public synchronized List<Reply> dump(Message request) throws ErrnoException {
        for (int attempt = 0; ; attempt++) {
            int seq = nextSeq++;
            byte[] m = request.encode(seq);
            m[6] |= (byte) (Rtnl.NLM_F_DUMP & 0xff);
            m[7] |= (byte) (Rtnl.NLM_F_DUMP >> 8);
            send(m, m.length);
            List<Reply> parts = new ArrayList<>();
            boolean interrupted = false;
            boolean done = false;
            while (!done) {
                for (Reply r : receive()) {
                    if (r.seq() != seq) continue;
                    if ((r.flags() & Rtnl.NLM_F_DUMP_INTR) != 0) interrupted = true;
                    if (r.type() == Rtnl.NLMSG_DONE) {
                        done = true;
                    } else if (r.type() == Rtnl.NLMSG_ERROR) {
                        Outcome o = outcome(r);
                        throw new ErrnoException(name(request.type()) + " dump", o.errno(), o.detail());
                    } else {
                        parts.add(r);
                    }
                }
            }
            if (!interrupted || attempt >= 5) return parts;
        }
    }

    /**
     * The notifications that arrive within {@code timeoutMillis} of waiting (empty when none did). ENOBUFS means
     * the kernel dropped some because the receive buffer was full.
     */
    public synchronized List<Reply> notifications(int timeoutMillis) throws ErrnoException {
        ByteBuffer pfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        pfd.putInt(fd).putShort(LibC.POLLIN).putShort((short) 0);
        try {
            if (C.poll(pfd.array(), 1, timeoutMillis) <= 0) return List.of();
        } catch (LastErrorException e) {
            if (e.getErrorCode() == Errno.EINTR) return List.of();
            throw ErrnoException.of("poll netlink", e);
        }
        List<Reply> out = new ArrayList<>();
        while (true) {
            long n;
            try {
                n = C.recv(fd, rx, RECEIVE_BUFFER, LibC.MSG_DONTWAIT);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == Errno.EAGAIN || e.getErrorCode() == Errno.EINTR) return out;
                throw ErrnoException.of("netlink recv", e);
            }
            out.addAll(split(n));
        }
    }

    private void send(byte[] data, int length) throws ErrnoException {
        try {
            C.send(fd, data, length, 0);
        } catch (LastErrorException e) {
            throw ErrnoException.of("netlink send", e);
        }
    }

    /** One datagram, split into its messages. */
    private List<Reply> receive() throws ErrnoException {
        long n;
        while (true) {
            try {
                n = C.recv(fd, rx, RECEIVE_BUFFER, 0);
                break;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != Errno.EINTR) throw ErrnoException.of("netlink recv", e);
            }
        }
        return split(n);
    }

    /** The messages of the datagram of {@code n} bytes in the receive buffer. */
    private List<Reply> split(long n) {
        ByteBuffer data = rx.getByteBuffer(0, n).order(ByteOrder.nativeOrder());
        ByteBuffer copy = ByteBuffer.allocate((int) n).order(ByteOrder.nativeOrder()).put(data).flip();
        List<Reply> out = new ArrayList<>();
        int pos = 0;
        while (pos + Rtnl.NLMSG_HDRLEN <= n) {
            int len = copy.getInt(pos);
            if (len < Rtnl.NLMSG_HDRLEN || pos + len > n) break;
            int type = Short.toUnsignedInt(copy.getShort(pos + 4));
            int flags = Short.toUnsignedInt(copy.getShort(pos + 6));
            int seq = copy.getInt(pos + 8);
            ByteBuffer body = copy.slice(pos + Rtnl.NLMSG_HDRLEN, len - Rtnl.NLMSG_HDRLEN).order(ByteOrder.nativeOrder());
            out.add(new Reply(type, flags, seq, body));
            pos += Rtnl.align(len);
        }
        return out;
    }

    /** nlmsgerr: a negative errno, the request's header (whole request unless capped), then TLVs. */
    private static Outcome outcome(Reply r) {
        ByteBuffer b = r.body();
        int errno = -b.getInt(0);
        String detail = null;
        if ((r.flags() & Rtnl.NLM_F_ACK_TLVS) != 0 && b.limit() >= 20) {
            int echoed = (r.flags() & Rtnl.NLM_F_CAPPED) != 0 ? Rtnl.NLMSG_HDRLEN : b.getInt(4);
            int start = 4 + Rtnl.align(echoed);
            if (start < b.limit()) detail = Attributes.parse(b, start, b.limit() - start).string(Rtnl.NLMSGERR_ATTR_MSG);
        }
        return new Outcome(errno, detail);
    }

    private static String name(int type) {
        return switch (type) {
            case Rtnl.RTM_NEWLINK -> "RTM_NEWLINK";
            case Rtnl.RTM_DELLINK -> "RTM_DELLINK";
            case Rtnl.RTM_GETLINK -> "RTM_GETLINK";
            case Rtnl.RTM_NEWADDR -> "RTM_NEWADDR";
            case Rtnl.RTM_DELADDR -> "RTM_DELADDR";
            case Rtnl.RTM_GETADDR -> "RTM_GETADDR";
            case Rtnl.RTM_NEWROUTE -> "RTM_NEWROUTE";
            case Rtnl.RTM_DELROUTE -> "RTM_DELROUTE";
            case Rtnl.RTM_GETROUTE -> "RTM_GETROUTE";
            case Rtnl.RTM_NEWQDISC -> "RTM_NEWQDISC";
            case Rtnl.RTM_DELQDISC -> "RTM_DELQDISC";
            case Rtnl.RTM_GETQDISC -> "RTM_GETQDISC";
            default -> "netlink message " + type;
        };
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            C.close(fd);
        } catch (LastErrorException ignored) {
            // nothing useful to do: the descriptor is gone either way
        }
    }
}
