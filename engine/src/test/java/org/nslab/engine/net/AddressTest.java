package org.nslab.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.1.2, 10.0.1.2",
        "0.0.0.0, 0.0.0.0",
        "::, ::",
        "::1, ::1",
        "FD00:0:0:0:0:0:0:1, fd00::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0db8::0001, 2001:db8::1",
        "1:0:0:2:0:0:0:3, 1:0:0:2::3",
        "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
        "::ffff:192.0.2.1, ::ffff:c000:201",
        "fe80::1:2:3:4:5:6, fe80:0:1:2:3:4:5:6"
    })
    void parsesLiteralsAndPrintsTheCanonicalForm(String text, String canonical) {
        assertThat(IpAddress.parse(text)).hasToString(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0", "10.0.0.0.1", "010.0.0.1", "10.0.0.256", "10.0.0.-1", "1.2.3.4 ", "localhost",
        "example.com", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "fe80::1%eth0", "::g", "1:2:3:4:5:6:7::8", "[::1]"})
    void refusesAnythingButAnAddressLiteral(String text) {
        assertThatThrownBy(() -> IpAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void kernelBytesBecomeTheSameAddressAsItsLiteral() {
        byte[] v6 = {(byte) 0xfd, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0};
        IpAddress a = IpAddress.ofBytes(v6);
        v6[15] = 9; // the caller's array is not shared

        assertThat(a).isEqualTo(IpAddress.parse("fd00:0:0:1::")).hasToString("fd00:0:0:1::");
        assertThat(IpAddress.ofBytes(new byte[] {10, 0, 1, 2})).isEqualTo(IpAddress.parse("10.0.1.2"));
        assertThatThrownBy(() -> IpAddress.ofBytes(new byte[5])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void socketAddressKeepsTheBytesAndNeverLooksUpAName() throws Exception {
        InetAddress v4 = IpAddress.parse("192.0.2.7").toInetAddress();
        InetAddress v6 = IpAddress.parse("2001:db8::7").toInetAddress();

        assertThat(v4).isInstanceOf(Inet4Address.class).isEqualTo(InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 7}));
        assertThat(v6).isInstanceOf(Inet6Address.class);
        assertThat(IpAddress.ofBytes(v6.getAddress())).hasToString("2001:db8::7");
        // InetAddress shows a host name before the slash only when one was looked up.
        assertThat(v4.toString()).isEqualTo("/192.0.2.7");
    }

    @Test
    void familyAndKinds() {
        assertThat(IpAddress.parse("10.0.0.1").family()).isEqualTo(Family.IPV4);
        assertThat(IpAddress.parse("fd00::1").family()).isEqualTo(Family.IPV6);
        assertThat(IpAddress.parse("224.0.0.5").isMulticast()).isTrue();
        assertThat(IpAddress.parse("ff02::1").isMulticast()).isTrue();
        assertThat(IpAddress.parse("127.0.0.2").isLoopback()).isTrue();
        assertThat(IpAddress.parse("fe80::9").isLinkLocal6()).isTrue();
        assertThat(IpAddress.parse("fec0::9").isLinkLocal6()).isFalse();
    }

    @Test
    void cidrContainsAndOverlaps() {
        Cidr net = Cidr.parse("10.0.1.2/24");
        assertThat(net.contains(IpAddress.parse("10.0.1.254"))).isTrue();
        assertThat(net.contains(IpAddress.parse("10.0.2.1"))).isFalse();
        assertThat(net.contains(IpAddress.parse("::a00:101"))).isFalse();
        assertThat(net.network()).hasToString("10.0.1.0/24");
        assertThat(net.isNetwork()).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").overlaps(Cidr.parse("10.200.0.0/16"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/16").overlaps(Cidr.parse("10.1.0.0/16"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpAddress.parse("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("fd00:1::/63").contains(IpAddress.parse("fd00:1:0:1::5"))).isTrue();
        assertThat(Cidr.parse("fd00:1::/64").contains(IpAddress.parse("fd00:1:0:1::5"))).isFalse();
        assertThat(Cidr.parse("10.0.0.7/29").network()).hasToString("10.0.0.0/29");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "10.0.0.1/33", "10.0.0.1/", "10.0.0.1/024", "/24", "fd00::/129", "10.0.0.1/2/3", "x/8"})
    void cidrNeedsAValidPrefix(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bareAddressIsAHostPrefixWhereAllowed() {
        assertThat(Cidr.parseAddressOrCidr("10.0.0.1")).hasToString("10.0.0.1/32");
        assertThat(Cidr.parseAddressOrCidr("fd00::1")).hasToString("fd00::1/128");
    }

    @ParameterizedTest
    @CsvSource({"eth0, true", "a.b-c_d, true", "fifteen-chars-x, true", "sixteen-chars-xx, false", "., false", ".., false",
        "'', false", "eth 0, false", "eth/0, false", "ä, false"})
    void interfaceNames(String name, boolean valid) {
        assertThat(InterfaceName.isValid(name)).isEqualTo(valid);
    }

    @Test
    void interfaceMatchesMayEndInPlus() {
        assertThat(InterfaceName.matchProblem("veth+")).isEmpty();
        assertThat(InterfaceName.matchProblem("+")).isPresent();
        assertThat(InterfaceName.matchProblem("a+b")).isPresent();
    }

    @Test
    void macAddresses() {
        assertThat(MacAddress.problem("02:00:00:00:01:02")).isEmpty();
        assertThat(MacAddress.problem("AA:bb:cc:dd:ee:ff")).isEmpty();
        assertThat(MacAddress.problem("03:00:00:00:01:02")).isPresent();
        assertThat(MacAddress.problem("00:00:00:00:00:00")).isPresent();
        assertThat(MacAddress.problem("02-00-00-00-01-02")).isPresent();
    }

    @Test
    void aMacAddressIsItsFortyEightBitsWhicheverWayItWasRead() {
        MacAddress parsed = MacAddress.parse("AA:bb:0c:dd:ee:ff");
        assertThat(parsed.bits()).isEqualTo(0xaabb0cddeeffL);
        assertThat(parsed).hasToString("aa:bb:0c:dd:ee:ff");
        MacAddress read = MacAddress.ofBytes(new byte[] {(byte) 0xaa, (byte) 0xbb, 0x0c, (byte) 0xdd, (byte) 0xee, (byte) 0xff});
        assertThat(read).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(read.toBytes()).containsExactly(0xaa, 0xbb, 0x0c, 0xdd, 0xee, 0xff);
        assertThat(MacAddress.parse("02:00:00:00:00:01")).isNotEqualTo(MacAddress.parse("02:00:00:00:00:02"));
        assertThatThrownBy(() -> new MacAddress(1L << 48)).hasMessageContaining("48 bits");
        assertThatThrownBy(() -> MacAddress.ofBytes(new byte[5])).hasMessageContaining("5 bytes");
    }
}
