package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InetTest {

    @Test
    void parsesBothFamiliesAndClearsHostBitsForRoutes() {
        assertThat(Inet.prefix("10.1.2.3/24").address()).containsExactly(10, 1, 2, 3);
        assertThat(Inet.network("10.1.2.3/23").address()).containsExactly(10, 1, 2, 0);
        assertThat(Inet.network("fd00::1:2/112").ipv6()).isTrue();
        assertThat(Inet.format(Inet.network("fd00:0:0:5::1/64").address())).isEqualTo("fd00:0:0:5::");
        assertThat(Inet.format(Inet.address("::1"))).isEqualTo("::1");
        assertThat(Inet.format(Inet.address("fd00::9:0:0:1"))).isEqualTo("fd00::9:0:0:1");
        assertThat(Inet.prefix("10.0.0.1").length()).isEqualTo(32);
    }

    @Test
    void refusesNamesAndMalformedInputWithoutLookingAnythingUp() {
        for (String bad : new String[] {"localhost", "10.0.0.256", "10.0.0", "10.0.0.1/33", "fd00::/129", "1.2.3.4/x"}) {
            assertThatThrownBy(() -> Inet.prefix(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Inet.mac("02:00:00:00:00")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Inet.formatMac(Inet.mac("02:AA:bb:00:00:01"))).isEqualTo("02:aa:bb:00:00:01");
    }
}
