package org.nslab.helper.check;


import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nslab.helper.libc.LibC;

/**
 * ICMP echo from the calling thread's network namespace, without the ping program: an unprivileged ICMP
 * datagram socket where net.ipv4.ping_group_range admits us, else a raw socket (we are root). The socket is
 * opened here, so the caller must already be on a thread inside the source namespace. Several targets share
 * one socket and one deadline, which is what makes a whole reachability row cheap.
 */
final class IcmpProbe {
    static final String DGRAM = "icmp-socket";
    static final String RAW = "raw-socket";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ROUNDS = 3;

    /** Which targets answered (with the round-trip time in microseconds), and how the echo was sent. */
    record Echo(Map<InetAddress, Long> replies, Map<Boolean, String> methods) {
        /** The method used for the family of {@code to}. */
        String methodFor(InetAddress to) {
            return methods.getOrDefault(to instanceof Inet6Address, "icmp");
        }
    }

    private IcmpProbe() {}

    static Echo echo(List<InetAddress> targets, long timeoutMillis) throws IOException {
        Map<InetAddress, Long> replies = new LinkedHashMap<>();
        Map<Boolean, String> methods = new HashMap<>();
        for (boolean v6 : new boolean[] {false, true}) {
            List<InetAddress> family = targets.stream().filter(a -> (a instanceof Inet6Address) == v6).distinct().toList();
            if (family.isEmpty()) continue;
            Socket s = open(v6);
            try {
                methods.put(v6, s.method);
                exchange(s, family, timeoutMillis, replies);
            } finally {
                try {
                    LibC.INSTANCE.close(s.fd);
                } catch (LastErrorException ignored) {
                    // Nothing to do about a failed close of a socket we are done with.
                }
            }
        }
        return new Echo(replies, methods);
    }

    private record Socket(int fd, boolean v6, boolean raw, String method) {}

    private static Socket open(boolean v6) throws IOException {
        int domain = v6 ? LibC.AF_INET6 : LibC.AF_INET;
        int proto = v6 ? LibC.IPPROTO_ICMPV6 : LibC.IPPROTO_ICMP;
        try {
            return new Socket(LibC.INSTANCE.socket(domain, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, proto), v6, false, DGRAM);
        } catch (LastErrorException dgramRefused) {
            // ping_group_range does not include our group (the default in a new namespace): use a raw socket.
            try {
                return new Socket(LibC.INSTANCE.socket(domain, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, proto), v6, true, RAW);
            } catch (LastErrorException rawRefused) {
                throw new IOException("cannot open an ICMP socket: " + dgramRefused.getMessage() + "; raw: " + rawRefused.getMessage());
            }
        }
    }

    private static void exchange(Socket s, List<InetAddress> targets, long timeoutMillis, Map<InetAddress, Long> replies) {
        int ident = RANDOM.nextInt(1 << 16);
        byte[] token = new byte[8];
        RANDOM.nextBytes(token);
        long start = System.nanoTime();
        long deadline = start + timeoutMillis * 1_000_000L;
        long interval = timeoutMillis * 1_000_000L / ROUNDS;
        Map<Integer, InetAddress> bySeq = new HashMap<>();
        Map<Integer, Long> sentAt = new HashMap<>();
        int round = 0;
        byte[] buf = new byte[2048];
        while (true) {
            long now = System.nanoTime();
            if (now >= deadline || replies.keySet().containsAll(targets)) return;
            if (round < ROUNDS && now >= start + round * interval) {
                for (int i = 0; i < targets.size(); i++) {
                    InetAddress to = targets.get(i);
                    if (replies.containsKey(to)) continue;
                    int seq = (round * targets.size() + i + 1) & 0xffff;
                    bySeq.put(seq, to);
                    sentAt.put(seq, System.nanoTime());
                    send(s, to, ident, seq, token);
                }
                round++;
            }
            long until = round < ROUNDS ? Math.min(deadline, start + round * interval) : deadline;
            int waitMs = (int) Math.max(1, (until - System.nanoTime()) / 1_000_000L);
            if (!readable(s.fd, waitMs)) continue;
            while (true) {
                byte[] from = new byte[28];
                int n;
                try {
                    n = LibC.INSTANCE.recvfrom(s.fd, buf, buf.length, LibC.MSG_DONTWAIT, from, new int[] {from.length});
                } catch (LastErrorException e) {
                    break; // EAGAIN: drained; an ICMP error queued on the socket also lands here and means no echo.
                }
                int seq = matchReply(s, buf, n, ident, token);
                InetAddress to = seq < 0 ? null : bySeq.get(seq);
                if (to != null && to.equals(source(s.v6, from)) && !replies.containsKey(to)) {
                    replies.put(to, (System.nanoTime() - sentAt.get(seq)) / 1000);
                }
            }
        }
    }

    private static void send(Socket s, InetAddress to, int ident, int seq, byte[] token) {
        byte[] pkt = new byte[8 + token.length];
        pkt[0] = (byte) (s.v6 ? 128 : 8);
        pkt[4] = (byte) (ident >>> 8);
        pkt[5] = (byte) ident;
        pkt[6] = (byte) (seq >>> 8);
        pkt[7] = (byte) seq;
        System.arraycopy(token, 0, pkt, 8, token.length);
        if (!s.v6) {
            int sum = checksum(pkt);
            pkt[2] = (byte) (sum >>> 8);
            pkt[3] = (byte) sum;
        }
        byte[] addr = sockaddr(to);
        try {
            LibC.INSTANCE.sendto(s.fd, pkt, pkt.length, 0, addr, addr.length);
        } catch (LastErrorException e) {
            // ENETUNREACH and friends: the target is simply not reached; the deadline settles it.
        }
    }

    /** The sequence number of an echo reply that belongs to this probe, or -1. */
    private static int matchReply(Socket s, byte[] buf, int n, int ident, byte[] token) {
        int off = s.raw && !s.v6 ? (buf[0] & 0x0f) * 4 : 0;
        if (n < off + 8 + token.length) return -1;
        int type = buf[off] & 0xff;
        if (type != (s.v6 ? 129 : 0) || buf[off + 1] != 0) return -1;
        // A datagram socket's identifier is chosen by the kernel, which delivers only our replies anyway.
        if (s.raw && (((buf[off + 4] & 0xff) << 8) | (buf[off + 5] & 0xff)) != ident) return -1;
        if (!Arrays.equals(buf, off + 8, off + 8 + token.length, token, 0, token.length)) return -1;
        return ((buf[off + 6] & 0xff) << 8) | (buf[off + 7] & 0xff);
    }

    private static boolean readable(int fd, int waitMs) {
        ByteBuffer pfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
        pfd.putInt(fd).putShort(LibC.POLLIN).putShort((short) 0);
        byte[] raw = pfd.array();
        try {
            return LibC.INSTANCE.poll(raw, 1, waitMs) > 0;
        } catch (LastErrorException e) {
            return false; // EINTR: the caller loops and polls again.
        }
    }

    static byte[] sockaddr(InetAddress to) {
        byte[] ip = to.getAddress();
        ByteBuffer b = ByteBuffer.allocate(ip.length == 4 ? 16 : 28).order(ByteOrder.nativeOrder());
        b.putShort((short) (ip.length == 4 ? LibC.AF_INET : LibC.AF_INET6));
        b.putShort((short) 0);
        if (ip.length == 16) b.putInt(0);
        b.put(ip);
        return b.array();
    }

    private static InetAddress source(boolean v6, byte[] sockaddr) {
        try {
            return InetAddress.getByAddress(v6 ? Arrays.copyOfRange(sockaddr, 8, 24) : Arrays.copyOfRange(sockaddr, 4, 8));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static int checksum(byte[] data) {
        long sum = 0;
        for (int i = 0; i < data.length; i += 2) {
            int hi = data[i] & 0xff;
            int lo = i + 1 < data.length ? data[i + 1] & 0xff : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
        return (int) (~sum & 0xffff);
    }
}
