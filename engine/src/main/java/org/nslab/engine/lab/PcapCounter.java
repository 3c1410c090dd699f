package org.nslab.engine.lab;

/**
 * Counts the frames of a pcap stream as its bytes arrive in pieces of any size: the 24-byte file header, then
 * records of a 16-byte header whose captured length (bytes 8..11, in the byte order the magic number says)
 * gives the size of the frame that follows.
 */
public final class PcapCounter {
    private static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    private final byte[] pending = new byte[FILE_HEADER];
    private int pendingLength;
    private boolean headerRead;
    private boolean littleEndian;
    private long skip;
    private long frames;

    /** Feeds the next bytes of the stream. */
    public synchronized void add(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            if (skip > 0) {
                int n = (int) Math.min(skip, bytes.length - i);
                skip -= n;
                i += n;
                continue;
            }
            int want = headerRead ? RECORD_HEADER : FILE_HEADER;
            int n = Math.min(want - pendingLength, bytes.length - i);
            System.arraycopy(bytes, i, pending, pendingLength, n);
            pendingLength += n;
            i += n;
            if (pendingLength < want) break;
            pendingLength = 0;
            if (!headerRead) {
                headerRead = true;
                littleEndian = (pending[0] & 0xff) == 0xd4 || (pending[0] & 0xff) == 0x4d;
            } else {
                frames++;
                skip = littleEndian ? le(pending, 8) : be(pending, 8);
            }
        }
    }

    /** The records begun so far (a record counts once its header has arrived). */
    public synchronized long frames() {
        return frames;
    }

    private static long le(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    private static long be(byte[] b, int at) {
        return (b[at] & 0xffL) << 24 | (b[at + 1] & 0xffL) << 16 | (b[at + 2] & 0xffL) << 8 | (b[at + 3] & 0xffL);
    }
}
