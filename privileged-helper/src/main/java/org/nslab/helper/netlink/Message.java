package org.nslab.helper.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A netlink request being built: the 16-byte header, one fixed family header (ifinfomsg, ifaddrmsg, rtmsg),
 * then attributes, nested with {@link #nest}/{@link #end}, each padded to 4 bytes. Host byte order throughout,
 * as netlink wants. The sequence number is filled in by the socket when the request is sent.
 */
public final class Message {
    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());
    private final Deque<Integer> open = new ArrayDeque<>();
    private final int type;

    private Message(int type, int flags) {
        this.type = type;
        buf.putInt(0).putShort((short) type).putShort((short) (flags | Rtnl.NLM_F_REQUEST)).putInt(0).putInt(0);
    }

    public static Message request(int type, int flags) {
        return new Message(type, flags);
    }

    public int type() { return type; }

    /** struct ifinfomsg: family, device type, index, flags, change mask. */
    public Message ifinfo(int family, int index, int flags, int change) {
        ensure(Rtnl.IFINFOMSG_LEN);
        buf.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putInt(flags).putInt(change);
        return this;
    }

    /** struct rtgenmsg: the family alone, padded (namespace id requests). */
    public Message rtgen(int family) {
        ensure(Rtnl.RTGENMSG_LEN);
        buf.put((byte) family).put((byte) 0).putShort((short) 0);
        return this;
    }

    /** struct ifaddrmsg: family, prefix length, flags, scope, index. */
    public Message ifaddr(int family, int prefixLength, int flags, int scope, int index) {
        ensure(Rtnl.IFADDRMSG_LEN);
        buf.put((byte) family).put((byte) prefixLength).put((byte) flags).put((byte) scope).putInt(index);
        return this;
    }

    /** struct rtmsg: family, dst/src lengths, tos, table, protocol, scope, type, flags. */
    public Message rtmsg(int family, int dstLength, int table, int protocol, int scope, int routeType) {
        ensure(Rtnl.RTMSG_LEN);
        buf.put((byte) family).put((byte) dstLength).put((byte) 0).put((byte) 0)
                .put((byte) table).put((byte) protocol).put((byte) scope).put((byte) routeType).putInt(0);
        return this;
    }

    /** struct tcmsg: family, interface index, handle, parent, info. */
    public Message tcmsg(int family, int index, int handle, int parent, int info) {
        ensure(Rtnl.TCMSG_LEN);
        buf.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putInt(handle).putInt(parent).putInt(info);
        return this;
    }

    /** struct ndmsg: family, index, state, flags, type (forwarding and neighbour entries). */
    public Message ndmsg(int family, int index, int state, int flags, int type) {
        ensure(Rtnl.NDMSG_LEN);
        buf.put((byte) family).put((byte) 0).putShort((short) 0).putInt(index).putShort((short) state).put((byte) flags).put((byte) type);
        return this;
    }

    public Message bytes(int attrType, byte[] value) {
        int len = 4 + value.length;
        ensure(Rtnl.align(len));
        buf.putShort((short) len).putShort((short) attrType).put(value);
        pad();
        return this;
    }

    public Message u8(int attrType, int value) {
        return bytes(attrType, new byte[] {(byte) value});
    }

    public Message u32(int attrType, int value) {
        ensure(8);
        buf.putShort((short) 8).putShort((short) attrType).putInt(value);
        return this;
    }

    /** A NUL-terminated string, as the kernel expects for names and kinds. */
    public Message string(int attrType, String value) {
        byte[] s = value.getBytes(StandardCharsets.UTF_8);
        return bytes(attrType, Arrays.copyOf(s, s.length + 1));
    }

    /** Opens a nested attribute; {@link #end} closes the innermost one. */
    public Message nest(int attrType) {
        ensure(4);
        open.push(buf.position());
        buf.putShort((short) 0).putShort((short) (attrType | Rtnl.NLA_F_NESTED));
        return this;
    }

    public Message end() {
        int start = open.pop();
        buf.putShort(start, (short) (buf.position() - start));
        return this;
    }

    /** The wire bytes with the given sequence number. */
    public byte[] encode(int seq) {
        if (!open.isEmpty()) throw new IllegalStateException("unclosed nested attribute");
        byte[] out = Arrays.copyOf(buf.array(), buf.position());
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.nativeOrder());
        b.putInt(0, out.length);
        b.putInt(8, seq);
        return out;
    }

    private void pad() {
        while ((buf.position() & 3) != 0) buf.put((byte) 0);
    }

    private void ensure(int more) {
        if (buf.remaining() >= more) return;
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more)).order(ByteOrder.nativeOrder());
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }
}
