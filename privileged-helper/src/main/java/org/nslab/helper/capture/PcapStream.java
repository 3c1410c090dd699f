package org.nslab.helper.capture;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The pcap file format (Ethernet, microsecond time stamps), as tcpdump -w writes it: a header, then records. */
public final class PcapStream {
    public static final int HEADER_BYTES = 24;
    public static final int SNAPLEN = 262144;

    private PcapStream() {}

    public static byte[] header() {
        return ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN).putInt(1).array();
    }

    /** One record: time stamp, captured and original lengths, then the captured bytes. */
    public static byte[] record(long epochMicros, byte[] frame, int captured, int original) {
        ByteBuffer b = ByteBuffer.allocate(16 + captured).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt((int) (epochMicros / 1_000_000)).putInt((int) (epochMicros % 1_000_000)).putInt(captured).putInt(original);
        b.put(frame, 0, captured);
        return b.array();
    }
}
