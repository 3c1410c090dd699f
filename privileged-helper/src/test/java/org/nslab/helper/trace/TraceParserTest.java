package org.nslab.helper.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.lab.LiveTrace;
import org.nslab.engine.lab.LiveTrace.Event;

/** Reading nft's trace: rules numbered by their place in the listed chain, policies, only the walked packets. */
class TraceParserTest {
    static final String RULESET = """
            table ip filter {
            	chain FORWARD {
            		type filter hook forward priority filter; policy drop;
            		ct state established,related counter packets 3 bytes 252 accept
            		iifname "red" oifname "blue" counter packets 1 bytes 84 jump red-to-blue
            	}
            	chain red-to-blue {
            		meta l4proto icmp icmp type echo-request counter packets 1 bytes 84 accept
            		meta l4proto tcp counter packets 0 bytes 0 reject with tcp reset
            	}
            }
            """;

    @Test
    void rulesAreNumberedByTheirPlaceAndOtherPacketsAreIgnored() {
        String trace = """
                trace id aa ip nslab_trace pre packet: iif "red" ip saddr 10.0.1.2 ip daddr 10.0.2.2 tcp sport 40000 tcp dport 22 tcp flags == syn tcp window 64240
                trace id aa ip filter FORWARD packet: iif "red" oif "blue" ip saddr 10.0.1.2 ip daddr 10.0.2.2 tcp sport 40000 tcp dport 22 tcp flags == syn tcp window 64240
                trace id aa ip filter FORWARD rule iifname "red" oifname "blue" counter packets 0 bytes 0 jump red-to-blue (verdict jump red-to-blue)
                trace id aa ip filter red-to-blue rule meta l4proto tcp counter packets 0 bytes 0 reject with tcp reset (verdict drop)
                trace id bb ip filter FORWARD packet: iif "blue" oif "red" ip saddr 10.0.2.2 ip daddr 10.0.1.2 tcp sport 22 tcp dport 40000 tcp flags == rst tcp window 0
                trace id bb ip filter FORWARD policy drop
                trace id cc ip filter FORWARD packet: iif "blue" oif "red" ip saddr 10.0.2.2 ip daddr 10.0.1.2 tcp sport 22 tcp dport 40000 tcp flags == 0x12 tcp window 0
                trace id cc ip filter FORWARD policy drop meta mark 0x0000000b
                trace id dd ip nslab_trace out packet: oif "lo" ip saddr 127.0.0.1 ip daddr 127.0.0.7 icmp type echo-request
                trace id dd ip filter FORWARD policy drop
                """;
        Map<String, List<Event>> request = new LinkedHashMap<>();
        Map<String, List<Event>> reply = new LinkedHashMap<>();
        TraceParser.parse(trace, TraceParser.rules(RULESET), Protocol.TCP, request, reply, "router");
        assertThat(request.get("router")).containsExactly(new Event("filter", "FORWARD", 2, "jump red-to-blue"),
                new Event("filter", "red-to-blue", 2, "drop"));
        assertThat(reply.get("router")).containsExactly(new Event("filter", "FORWARD", null, "drop"));
    }

    @Test
    void theWalksVerdictsReadAsTheKernelsDo() {
        assertThat(LiveTrace.verdictOf("LOG (continues)")).isEqualTo("continue");
        assertThat(LiveTrace.verdictOf("REJECT")).isEqualTo("drop");
        assertThat(LiveTrace.verdictOf("DNAT")).isEqualTo("accept");
        assertThat(LiveTrace.verdictOf("jump uc")).isEqualTo("jump uc");
        assertThat(LiveTrace.verdictOf("RETURN")).isEqualTo("return");
    }

    @Test
    void ip6tablesRulesAreReadFromTheirOwnTables() {
        String ruleset = RULESET + """
                table ip6 filter {
                	chain FORWARD {
                		type filter hook forward priority filter; policy drop;
                		meta l4proto tcp tcp dport 22 counter packets 0 bytes 0 drop
                		meta l4proto ipv6-icmp icmpv6 type echo-request counter packets 0 bytes 0 accept
                	}
                }
                table inet nslab_trace {
                	chain pre {
                		type filter hook prerouting priority -350; policy accept;
                		meta nftrace set 1
                	}
                }
                """;
        String trace = """
                trace id ee inet nslab_trace pre packet: iif "eth0" ip6 saddr fd00:1::2 ip6 daddr fd00:2::2 icmpv6 type echo-request icmpv6 code no-route
                trace id ee ip6 filter FORWARD rule meta l4proto ipv6-icmp icmpv6 type echo-request counter packets 0 bytes 0 accept (verdict accept)
                trace id ff inet nslab_trace pre packet: iif "eth1" ip6 saddr fd00:2::2 ip6 daddr fd00:1::2 icmpv6 type echo-reply icmpv6 code no-route
                trace id ff ip6 filter FORWARD policy drop
                """;
        Map<String, List<Event>> request = new LinkedHashMap<>();
        Map<String, List<Event>> reply = new LinkedHashMap<>();
        TraceParser.parse(trace, TraceParser.rules(ruleset), Protocol.ICMP, request, reply, "r");
        // Rule 2 of ip6 filter FORWARD, not of the IPv4 chain of the same name.
        assertThat(request.get("r")).containsExactly(new Event("filter", "FORWARD", 2, "accept"));
        assertThat(reply.get("r")).containsExactly(new Event("filter", "FORWARD", null, "drop"));
    }

    @Test
    void withTheProbesIdentifierOnlyItsPacketsCount() {
        String trace = """
                trace id a1 ip filter FORWARD packet: iif "red" oif "blue" ip saddr 10.0.1.2 ip daddr 10.0.2.2 icmp type echo-request icmp code net-unreachable icmp id 1234 icmp sequence 7
                trace id a1 ip filter FORWARD rule iifname "red" oifname "blue" counter packets 0 bytes 0 jump red-to-blue (verdict jump red-to-blue)
                trace id a1 ip filter red-to-blue rule meta l4proto icmp icmp type echo-request counter packets 1 bytes 84 accept (verdict accept)
                trace id a2 ip filter FORWARD packet: iif "red" oif "blue" ip saddr 10.0.1.2 ip daddr 10.0.2.2 icmp type echo-request icmp code net-unreachable icmp id 40000 icmp sequence 1
                trace id a2 ip filter FORWARD rule iifname "red" oifname "blue" counter packets 0 bytes 0 jump red-to-blue (verdict jump red-to-blue)
                trace id a2 ip filter red-to-blue rule meta l4proto icmp icmp type echo-request counter packets 1 bytes 84 accept (verdict accept)
                trace id a3 ip filter FORWARD packet: iif "blue" oif "red" ip saddr 10.0.2.2 ip daddr 10.0.1.2 icmp type echo-reply icmp code net-unreachable icmp id 1234 icmp sequence 7
                trace id a3 ip filter FORWARD rule ct state established,related counter packets 3 bytes 252 accept (verdict accept)
                trace id a4 ip filter FORWARD packet: iif "blue" oif "red" ip saddr 10.0.2.2 ip daddr 10.0.1.2 icmp type echo-reply icmp code net-unreachable icmp id 40000 icmp sequence 1
                trace id a4 ip filter FORWARD rule ct state established,related counter packets 3 bytes 252 accept (verdict accept)
                """;
        Map<String, List<Event>> request = new LinkedHashMap<>();
        Map<String, List<Event>> reply = new LinkedHashMap<>();
        TraceParser.parse(trace, TraceParser.rules(RULESET), Protocol.ICMP, 40000, request, reply, "router");
        assertThat(request.get("router")).containsExactly(new Event("filter", "FORWARD", 2, "jump red-to-blue"),
                new Event("filter", "red-to-blue", 1, "accept"));
        assertThat(reply.get("router")).containsExactly(new Event("filter", "FORWARD", 1, "accept"));

        request.clear();
        reply.clear();
        TraceParser.parse(trace, TraceParser.rules(RULESET), Protocol.ICMP, null, request, reply, "router");
        assertThat(request.get("router")).as("without it, every echo counts").hasSize(4);
    }

    @Test
    void aTcpProbeIsItsSynFromTheProbesPortAndTheSynAckBackToIt() {
        assertThat(TraceParser.kind("packet: ip saddr 10.0.1.2 ip daddr 10.0.2.2 tcp sport 40000 tcp dport 80 tcp flags == syn tcp window 1", Protocol.TCP, 40000)).isEqualTo(1);
        assertThat(TraceParser.kind("packet: ip saddr 10.0.1.2 ip daddr 10.0.2.2 tcp sport 51000 tcp dport 80 tcp flags == syn tcp window 1", Protocol.TCP, 40000)).isZero();
        assertThat(TraceParser.kind("packet: ip saddr 10.0.2.2 ip daddr 10.0.1.2 tcp sport 8080 tcp dport 40000 tcp flags == 0x12 tcp window 1", Protocol.TCP, 40000))
                .as("an answer from a port a DNAT chose").isEqualTo(2);
        assertThat(TraceParser.kind("packet: ip saddr 10.0.2.2 ip daddr 10.0.1.2 tcp sport 80 tcp dport 51000 tcp flags == 0x12 tcp window 1", Protocol.TCP, 40000)).isZero();
    }

    @Test
    void anIcmpv6EchosIdentifierIsReadFromWhereNftPrintsIt() {
        // 40001 << 16 | sequence 1, as nft 1.0.6 writes an echo's identifier and sequence.
        String echo = "packet: ip6 saddr ::1 ip6 daddr ::1 icmpv6 type echo-request icmpv6 code no-route icmpv6 parameter-problem 2621505537 @th,64,96 0xdd";
        assertThat(TraceParser.kind(echo, Protocol.ICMP, 40001)).isEqualTo(1);
        assertThat(TraceParser.kind(echo, Protocol.ICMP, 40000)).isZero();
    }
}
