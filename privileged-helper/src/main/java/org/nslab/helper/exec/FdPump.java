package org.nslab.helper.exec;

import com.sun.jna.LastErrorException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.nslab.engine.protocol.DrivenStreams;
import org.nslab.helper.libc.LibC;

/**
 * Reads one descriptor (a PTY master, a pipe) on a platform thread of its own and hands each chunk to an
 * {@link DrivenStreams.Output}, until the end (EOF, or EIO once every holder of a terminal's other end closed it)
 * or until {@link #stop}. It polls, so a stop is seen within a tenth of a second; the descriptor itself stays its
 * owner's, who closes it only after {@link #join}.
 */
final class FdPump {
    private static final LibC C = LibC.INSTANCE;

    private final int fd;
    private final DrivenStreams.Output output;
    private final Thread thread;
    private volatile boolean stopped;

    private FdPump(String name, int fd, DrivenStreams.Output output) {
        this.fd = fd;
        this.output = output;
        this.thread = Thread.ofPlatform().name(name).daemon().unstarted(this::run);
    }

    static FdPump start(String name, int fd, DrivenStreams.Output output) {
        FdPump pump = new FdPump(name, fd, output);
        pump.thread.start();
        return pump;
    }

    private void run() {
        byte[] buffer = new byte[16384];
        byte[] pollfd = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putInt(fd).putShort(LibC.POLLIN).putShort((short) 0).array();
        while (!stopped) {
            try {
                if (C.poll(pollfd, 1, 100) == 0) continue;
                long n = C.read(fd, buffer, buffer.length);
                if (n <= 0) return;
                output.write(buffer, (int) n);
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR && e.getErrorCode() != LibC.EAGAIN) return;
            }
        }
    }

    /** Waits up to {@code millis} for the end of the stream; true when it came. */
    boolean awaitEnd(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    /** Stops reading and waits until it has. */
    void stop() {
        stopped = true;
        awaitEnd(2000);
    }

    /**
     * For an owner that handed the descriptor over with the pump: what is still in it is read for up to
     * {@code millis} (a child that kept it open is not waited for longer), then the descriptor is closed.
     */
    void finish(long millis) {
        if (!awaitEnd(millis)) stop();
        UnixConnection.closeQuietly(fd);
    }
}
