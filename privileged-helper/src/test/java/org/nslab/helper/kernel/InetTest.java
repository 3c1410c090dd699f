package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;
import org.nslab.helper.netlink.Rtnl;

class InetTest {

    @Test
    void encodesTypedAddressesInNetworkOrderWithTheirFamily() {
        assertThat(Inet.bytes(IpAddress.parse("10.1.2.3"))).containsExactly(10, 1, 2, 3);
        assertThat(Inet.bytes(IpAddress.parse("fd00::1"))).hasSize(16).startsWith((byte) 0xfd, (byte) 0).endsWith(1);
        assertThat(Inet.family(Cidr.parse("10.1.2.3/24"))).isEqualTo(Rtnl.AF_INET);
        assertThat(Inet.family(Cidr.parse("fd00::1/64"))).isEqualTo(Rtnl.AF_INET6);
    }
}
