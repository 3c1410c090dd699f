package org.nslab.engine.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into newline-terminated messages without ever holding more than the size limit: a line
 * that grows past it is reported as soon as the limit is crossed, not after reading the rest of it.
 */
public final class LineReader {
    private final InputStream in;
    private final int maxBytes;
    private final byte[] chunk = new byte[64 * 1024];
    private int chunkStart;
    private int chunkEnd;
    private byte[] line = new byte[1024];
    /** A line buffer up to this size is kept for the next message; a larger one is let go. */
    static final int KEPT_BYTES = 64 * 1024;
    private int lineLength;

    public LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** Called with the first byte of each message, e.g. to switch from an idle timeout to a message timeout. */
    public interface StartListener {
        void messageStarted();
    }

    /** The next message without its newline, or null at a clean end of stream (nothing pending). */
    public byte[] next(StartListener started) throws IOException, TooLargeException {
        lineLength = 0;
        boolean begun = false;
        while (true) {
            if (chunkStart == chunkEnd) {
                int n = in.read(chunk);
                if (n < 0) {
                    if (lineLength == 0) return null;
                    throw new java.io.EOFException("the stream ended inside a message");
                }
                chunkStart = 0;
                chunkEnd = n;
            }
            if (!begun) {
                begun = true;
                if (started != null) started.messageStarted();
            }
            int newline = indexOf(chunk, chunkStart, chunkEnd);
            int end = newline < 0 ? chunkEnd : newline;
            append(chunk, chunkStart, end - chunkStart);
            chunkStart = newline < 0 ? chunkEnd : newline + 1;
            if (newline >= 0) {
                byte[] message = Arrays.copyOf(line, lineLength);
                // An idle connection must not keep the buffer of the largest message it ever sent.
                if (line.length > KEPT_BYTES) line = new byte[1024];
                return message;
            }
        }
    }

    public byte[] next() throws IOException, TooLargeException {
        return next(null);
    }

    private void append(byte[] src, int from, int count) throws TooLargeException {
        if ((long) lineLength + count > maxBytes) throw new TooLargeException(maxBytes);
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.min(maxBytes, Math.max(line.length * 2, lineLength + count)));
        }
        System.arraycopy(src, from, line, lineLength, count);
        lineLength += count;
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') return i;
        }
        return -1;
    }

    /** A message longer than the limit; the stream is no longer in sync and must be closed. */
    public static final class TooLargeException extends Exception {
        public TooLargeException(int maxBytes) {
            super("message larger than " + (maxBytes >= 1 << 20 ? (maxBytes >> 20) + " MiB" : maxBytes + " bytes"));
        }
    }

    /** The bytes this reader keeps for the next message (for the test that an idle connection holds little). */
    int bufferBytes() {
        return line.length + chunk.length;
    }
}
