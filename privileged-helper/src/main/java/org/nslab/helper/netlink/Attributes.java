package org.nslab.helper.netlink;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Parsed rtattrs of one message or one nest, by type (flag bits removed). Values are slices of the reply. */
public final class Attributes {
    private final Map<Integer, ByteBuffer> values = new HashMap<>();

    private Attributes() {}

    public static Attributes parse(ByteBuffer buf, int offset, int length) {
        Attributes a = new Attributes();
        int pos = offset;
        int end = offset + length;
        while (pos + 4 <= end) {
            int len = Short.toUnsignedInt(buf.getShort(pos));
            int type = Short.toUnsignedInt(buf.getShort(pos + 2)) & Rtnl.NLA_TYPE_MASK;
            if (len < 4 || pos + len > end) break;
            a.values.putIfAbsent(type, buf.slice(pos + 4, len - 4).order(ByteOrder.nativeOrder()));
            pos += Rtnl.align(len);
        }
        return a;
    }

    public boolean has(int type) {
        return values.containsKey(type);
    }

    public ByteBuffer raw(int type) {
        return values.get(type);
    }

    public Integer u32(int type) {
        ByteBuffer b = values.get(type);
        return b == null || b.limit() < 4 ? null : b.getInt(0);
    }

    public Integer u8(int type) {
        ByteBuffer b = values.get(type);
        return b == null || b.limit() < 1 ? null : Byte.toUnsignedInt(b.get(0));
    }

    public String string(int type) {
        ByteBuffer b = values.get(type);
        if (b == null) return null;
        int n = 0;
        while (n < b.limit() && b.get(n) != 0) n++;
        byte[] s = new byte[n];
        b.get(0, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    public byte[] bytes(int type) {
        ByteBuffer b = values.get(type);
        if (b == null) return null;
        byte[] out = new byte[b.limit()];
        b.get(0, out);
        return out;
    }

    public Attributes nested(int type) {
        ByteBuffer b = values.get(type);
        return b == null ? new Attributes() : parse(b, 0, b.limit());
    }

    public InetAddress address(int type) {
        byte[] b = bytes(type);
        if (b == null) return null;
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            return null; // wrong length: not an address attribute
        }
    }
}
