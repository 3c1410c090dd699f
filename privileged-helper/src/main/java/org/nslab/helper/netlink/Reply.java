package org.nslab.helper.netlink;

import java.nio.ByteBuffer;

/** One message the kernel sent back: its type, flags, sequence number and body (after the 16-byte header). */
public record Reply(int type, int flags, int seq, ByteBuffer body) {

    /** The attributes that follow a fixed header of {@code headerLength} bytes in the body. */
    public Attributes attributes(int headerLength) {
        return Attributes.parse(body, headerLength, body.limit() - headerLength);
    }
}
