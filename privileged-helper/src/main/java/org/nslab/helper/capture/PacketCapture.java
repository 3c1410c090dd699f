package org.nslab.helper.capture;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.nslab.helper.kernel.InNamespace;
import org.nslab.helper.kernel.KernelException;
import org.nslab.helper.libc.LibC;

/**
 * Captures the frames of one interface: an AF_PACKET socket made inside the interface's namespace, the filter
 * attached before the socket is bound (so nothing unfiltered is ever queued), frames of both directions. The
 * socket stays with the caller; only pcap bytes leave.
 */
public final class PacketCapture {
    private static final LibC C = LibC.INSTANCE;
    private static final int AF_PACKET = 17;
    private static final int ETH_P_ALL = 0x0003;
    private static final int SO_ATTACH_FILTER = 26;
    private static final int MSG_TRUNC = 0x20;
    private static final int POLL_MILLIS = 500;

    /** Where the pcap bytes go; false stops the capture (the reader went away). */
    @FunctionalInterface
    public interface Sink {
        boolean accept(byte[] pcapBytes);
    }

    private PacketCapture() {}

    /**
     * Writes the pcap header, then each frame that passes {@code filter}, until {@code count} frames (0: no
     * limit) or until {@code stop} says so or the sink refuses; returns the number of frames recorded.
     */
    public static int run(String netns, String ifname, BpfProgram filter, int count, BooleanSupplier stop, Sink sink)
            throws KernelException {
        int fd = InNamespace.call(netns, () -> open(netns, ifname, filter));
        // The frames are read on a platform thread of their own: the loop is almost always inside poll(2), and a
        // virtual thread in native code holds its carrier, of which the helper has as many as cores. Two captures on
        // a two-core machine would otherwise stop every other connection, the ones that make the frames included.
        AtomicBoolean abandoned = new AtomicBoolean();
        int[] recorded = new int[1];
        RuntimeException[] failure = new RuntimeException[1];
        Thread reader = Thread.ofPlatform().name("nslab-capture").daemon().start(() -> {
            try {
                recorded[0] = read(fd, count, () -> abandoned.get() || stop.getAsBoolean(), sink);
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        });
        try {
            reader.join();
        } catch (InterruptedException e) {
            abandoned.set(true);
            Thread.currentThread().interrupt();
            joinQuietly(reader);
        }
        if (failure[0] instanceof LastErrorException e) {
            throw new KernelException("capture on " + ifname + " in " + netns, e.getErrorCode(), null, e);
        }
        if (failure[0] != null) throw failure[0];
        return recorded[0];
    }

    /** Waits for the reader, which stops within one poll once told to; the caller's interrupt is kept for after. */
    private static void joinQuietly(Thread reader) {
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException again) {
                // keep waiting: the descriptor is closed only when the reader has left it
            }
        }
    }

    /** The pcap header, then frames until {@code count} (0: no limit), {@code stop} or a refusing sink; closes {@code fd}. */
    private static int read(int fd, int count, BooleanSupplier stop, Sink sink) {
        try {
            if (!sink.accept(PcapStream.header())) return 0;
            byte[] frame = new byte[PcapStream.SNAPLEN];
            byte[] pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(fd).putShort(LibC.POLLIN).putShort((short) 0).array();
            int recorded = 0;
            while ((count == 0 || recorded < count) && !stop.getAsBoolean()) {
                if (C.poll(pollfd, 1, POLL_MILLIS) == 0) {
                    // Nothing arrived: an empty write tells whether the reader is still there.
                    if (!sink.accept(new byte[0])) break;
                    continue;
                }
                int original = C.recvfrom(fd, frame, frame.length, MSG_TRUNC | LibC.MSG_DONTWAIT, null, null);
                if (original < 0) continue;
                Instant now = Instant.now();
                long micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
                if (!sink.accept(PcapStream.record(micros, frame, Math.min(original, frame.length), original))) break;
                recorded++;
            }
            return recorded;
        } finally {
            C.close(fd);
        }
    }

    private static int open(String netns, String ifname, BpfProgram filter) throws KernelException {
        int index = C.if_nametoindex(ifname);
        if (index == 0) throw new KernelException("interface " + ifname + " in " + netns, 19, "no such interface", null);
        String object = "capture on " + ifname + " in " + netns;
        int fd;
        try {
            // Protocol 0 receives nothing until the bind below, which comes after the filter.
            fd = C.socket(AF_PACKET, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new KernelException(object, e.getErrorCode(), "cannot open a packet socket", e);
        }
        try {
            Memory insns = filter.filterArray();
            // struct sock_fprog: unsigned short len, then (aligned) the instructions' address.
            Memory prog = new Memory(16);
            prog.clear();
            prog.setShort(0, (short) filter.instructions().size());
            prog.setPointer(8, insns);
            C.setsockopt(fd, LibC.SOL_SOCKET, SO_ATTACH_FILTER, prog, 16);
            // struct sockaddr_ll: family, protocol (network order), ifindex, hatype, pkttype, halen, addr[8].
            ByteBuffer sll = ByteBuffer.allocate(20).order(ByteOrder.nativeOrder());
            sll.putShort((short) AF_PACKET).putShort(Short.reverseBytes((short) ETH_P_ALL)).putInt(index);
            C.bind(fd, sll.array(), 20);
            return fd;
        } catch (LastErrorException e) {
            C.close(fd);
            throw new KernelException(object, e.getErrorCode(), null, e);
        }
    }
}
