package org.nslab.helper.netlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class MessageTest {

    @Test
    void headerCarriesLengthTypeFlagsAndSequence() {
        byte[] wire = Message.request(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL).ifinfo(0, 7, 1, 1).encode(42);
        ByteBuffer b = ByteBuffer.wrap(wire).order(ByteOrder.nativeOrder());
        assertThat(b.getInt(0)).isEqualTo(wire.length).isEqualTo(16 + 16);
        assertThat(b.getShort(4)).isEqualTo((short) Rtnl.RTM_NEWLINK);
        assertThat(b.getShort(6)).isEqualTo((short) (Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL));
        assertThat(b.getInt(8)).isEqualTo(42);
        assertThat(b.getInt(20)).isEqualTo(7);
    }

    @Test
    void attributesArePaddedToFourBytesAndNestsMeasureTheirContent() {
        byte[] wire = Message.request(Rtnl.RTM_NEWLINK, 0).ifinfo(0, 0, 0, 0)
                .string(Rtnl.IFLA_IFNAME, "eth0")                       // 4 + 5 bytes -> padded to 12
                .nest(Rtnl.IFLA_LINKINFO).string(Rtnl.IFLA_INFO_KIND, "veth")
                .nest(Rtnl.IFLA_INFO_DATA).u32(9, 0x01020304).end().end()
                .encode(1);
        assertThat(wire.length % 4).isZero();
        ByteBuffer b = ByteBuffer.wrap(wire).order(ByteOrder.nativeOrder());
        Attributes top = Attributes.parse(b, 32, wire.length - 32);
        assertThat(top.string(Rtnl.IFLA_IFNAME)).isEqualTo("eth0");
        assertThat(b.getShort(32)).isEqualTo((short) 9);           // length excludes the padding
        assertThat(b.getShort(46) & Rtnl.NLA_F_NESTED).isNotZero(); // nest carries the nested flag
        Attributes info = top.nested(Rtnl.IFLA_LINKINFO);
        assertThat(info.string(Rtnl.IFLA_INFO_KIND)).isEqualTo("veth");
        assertThat(info.nested(Rtnl.IFLA_INFO_DATA).u32(9)).isEqualTo(0x01020304);
        assertThat(b.getShort(44)).isEqualTo((short) (4 + 12 + 4 + 8)); // linkinfo: header, kind, data(header+u32)
    }
}
