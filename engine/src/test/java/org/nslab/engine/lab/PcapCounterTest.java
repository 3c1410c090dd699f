package org.nslab.engine.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class PcapCounterTest {
    /** A pcap stream in {@code order}: the file header, then one record per frame length. */
    static byte[] stream(ByteOrder order, int... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(24).order(order).putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4)
                .putInt(0).putInt(0).putInt(262144).putInt(1).array());
        for (int length : frames) {
            out.writeBytes(ByteBuffer.allocate(16).order(order).putInt(1).putInt(2).putInt(length).putInt(length).array());
            out.writeBytes(new byte[length]);
        }
        return out.toByteArray();
    }

    @Test
    void countsRecordsWhateverPiecesTheBytesComeIn() {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            byte[] all = stream(order, 98, 0, 1514, 60);
            for (int piece : new int[] {1, 7, 16, 24, 100, all.length}) {
                PcapCounter c = new PcapCounter();
                for (int i = 0; i < all.length; i += piece) {
                    byte[] part = java.util.Arrays.copyOfRange(all, i, Math.min(all.length, i + piece));
                    c.add(part);
                    c.add(new byte[0]);
                }
                assertThat(c.frames()).as(order + " in pieces of " + piece).isEqualTo(4);
            }
        }
    }

    @Test
    void theHeaderAloneIsNoFrame() {
        PcapCounter c = new PcapCounter();
        c.add(stream(ByteOrder.LITTLE_ENDIAN));
        assertThat(c.frames()).isZero();
    }
}
