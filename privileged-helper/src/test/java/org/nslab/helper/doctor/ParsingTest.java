package org.nslab.helper.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.net.Cidr;

class ParsingTest {
    @Test
    void procNetRouteIsLittleEndianHex() {
        String text = """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
                eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
                """;

        assertThat(HostRoute.parseV4(text)).extracting(HostRoute::toString)
                .containsExactly("0.0.0.0/0 dev eth0", "192.168.1.0/24 dev eth0");
    }

    @Test
    void procNetIpv6RouteHasTheDeviceLast() {
        String text = "fd000000000000010000000000000000 40 00000000000000000000000000000000 00 "
                + "00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n";

        assertThat(HostRoute.parseV6(text)).extracting(HostRoute::toString).containsExactly("fd00:0:0:1::/64 dev eth0");
    }

    @Test
    void routesReadFromTheKernelCompareWithTheDesignsPrefixes() {
        HostRoute route = HostRoute.parseV4("eth0\t0000000A\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n").get(0);
        Cidr lab = Cidr.parse("10.0.1.254/24").network();

        assertThat(route.destination()).isEqualTo(Cidr.parse("10.0.0.0/16"));
        assertThat(lab.overlaps(route.destination())).isTrue();
        assertThat(lab.overlaps(Cidr.parse("10.0.2.0/24"))).isFalse();
        assertThat(lab.overlaps(Cidr.parse("fd00::/8"))).isFalse();
        assertThat(HostRoute.parseV6("fd000000000000000000000000000001 81 0 0 0 0 0 0 0 eth0\n")).isEmpty(); // length 129
    }

    @Test
    void savedRulesKeepQuotedWordsWholeAndKnowNegation() {
        SavedRules rules = SavedRules.parse("""
                *filter
                :FORWARD DROP [3:120]
                -A FORWARD ! -i br-a -o br-a -m comment --comment "two words" -j ACCEPT
                COMMIT
                """);

        SavedRules.SavedRule r = rules.rules("filter", "FORWARD").get(0);
        assertThat(r.words()).contains("two words");
        assertThat(r.option("-i")).isEmpty();
        assertThat(r.option("-o")).contains("br-a");
        assertThat(r.onlyInterfaceMatches()).isFalse(); // the negation is a condition
        assertThat(rules.policy("filter", "FORWARD")).contains("DROP");
        assertThat(rules.dropping()).containsExactly("*filter :FORWARD DROP");
        assertThat(List.of(rules.isInert())).containsExactly(false);
    }
}
