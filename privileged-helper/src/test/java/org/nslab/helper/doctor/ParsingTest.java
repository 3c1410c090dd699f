package org.nslab.helper.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
    void prefixesOverlapWhenOneContainsTheOther() {
        Prefix lab = Prefix.parse("10.0.1.254/24").orElseThrow().network();

        assertThat(lab.toString()).isEqualTo("10.0.1.0/24");
        assertThat(lab.overlaps(Prefix.parse("10.0.0.0/16").orElseThrow())).isTrue();
        assertThat(lab.overlaps(Prefix.parse("10.0.2.0/24").orElseThrow())).isFalse();
        assertThat(lab.overlaps(Prefix.parse("fd00::/8").orElseThrow())).isFalse();
        assertThat(Prefix.parse("example.com")).isEmpty();
        assertThat(Prefix.parse("fd00:0:0:0:1:0:0:0/64").orElseThrow().toString()).isEqualTo("fd00::1:0:0:0/64");
        assertThat(Prefix.parse("::1").orElseThrow().toString()).isEqualTo("::1/128");
        assertThat(Prefix.parse("1:0:0:2:0:0:0:3/128").orElseThrow().toString()).isEqualTo("1:0:0:2::3/128");
        assertThat(Prefix.parse("10.0.0.1/33")).isEmpty();
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
