package org.nslab.engine.netfilter;

import java.util.List;
import java.util.Set;

/** ICMP type and reject names, as {@code iptables -p icmp -h} and {@code ip6tables -p icmpv6 -h} list them. */
final class IcmpTypes {
    private IcmpTypes() {}

    static final Set<String> V4 = Set.of("any", "echo-reply", "pong", "destination-unreachable", "network-unreachable",
            "host-unreachable", "protocol-unreachable", "port-unreachable", "fragmentation-needed", "source-route-failed",
            "network-unknown", "host-unknown", "network-prohibited", "host-prohibited", "TOS-network-unreachable",
            "TOS-host-unreachable", "communication-prohibited", "host-precedence-violation", "precedence-cutoff", "source-quench",
            "redirect", "network-redirect", "host-redirect", "TOS-network-redirect", "TOS-host-redirect", "echo-request", "ping",
            "router-advertisement", "router-solicitation", "time-exceeded", "ttl-exceeded", "ttl-zero-during-transit",
            "ttl-zero-during-reassembly", "parameter-problem", "ip-header-bad", "required-option-missing", "timestamp-request",
            "timestamp-reply", "address-mask-request", "address-mask-reply");

    /** ip6tables has no {@code any}: its icmp6 match refuses the name. */
    static final Set<String> V6 = Set.of("destination-unreachable", "no-route", "communication-prohibited",
            "beyond-scope", "address-unreachable", "port-unreachable", "failed-policy", "reject-route", "packet-too-big",
            "time-exceeded", "ttl-exceeded", "ttl-zero-during-transit", "ttl-zero-during-reassembly", "parameter-problem",
            "bad-header", "unknown-header-type", "unknown-option", "echo-request", "ping", "echo-reply", "pong",
            "router-solicitation", "router-advertisement", "neighbour-solicitation", "neighbor-solicitation",
            "neighbour-advertisement", "neighbor-advertisement", "redirect");

    static final List<String> COMMON_V4 = List.of("echo-request", "echo-reply", "destination-unreachable",
            "time-exceeded", "parameter-problem", "redirect", "any");

    static final List<String> COMMON_V6 = List.of("echo-request", "echo-reply", "destination-unreachable",
            "packet-too-big", "time-exceeded", "parameter-problem", "neighbour-solicitation", "neighbour-advertisement",
            "router-solicitation", "router-advertisement");

    static final List<String> REJECT_V4 = List.of("icmp-net-unreachable", "icmp-host-unreachable", "icmp-port-unreachable",
            "icmp-proto-unreachable", "icmp-net-prohibited", "icmp-host-prohibited", "icmp-admin-prohibited", "tcp-reset");

    static final List<String> REJECT_V6 = List.of("icmp6-no-route", "no-route", "icmp6-adm-prohibited", "adm-prohibited",
            "icmp6-addr-unreachable", "addr-unreach", "icmp6-port-unreachable", "port-unreach", "tcp-reset");

    static final List<String> CANONICAL_REJECT_V6 = List.of("icmp6-port-unreachable", "icmp6-no-route",
            "icmp6-adm-prohibited", "icmp6-addr-unreachable", "tcp-reset");

    /** Type and code (-1: any code) of each name of {@link #V4}, as iptables' icmp match reads them. */
    static final java.util.Map<String, int[]> CODES_V4 = codes(
            "any", -1, -1, "echo-reply", 0, -1, "pong", 0, -1, "destination-unreachable", 3, -1,
            "network-unreachable", 3, 0, "host-unreachable", 3, 1, "protocol-unreachable", 3, 2, "port-unreachable", 3, 3,
            "fragmentation-needed", 3, 4, "source-route-failed", 3, 5, "network-unknown", 3, 6, "host-unknown", 3, 7,
            "network-prohibited", 3, 9, "host-prohibited", 3, 10, "TOS-network-unreachable", 3, 11,
            "TOS-host-unreachable", 3, 12, "communication-prohibited", 3, 13, "host-precedence-violation", 3, 14,
            "precedence-cutoff", 3, 15, "source-quench", 4, -1, "redirect", 5, -1, "network-redirect", 5, 0,
            "host-redirect", 5, 1, "TOS-network-redirect", 5, 2, "TOS-host-redirect", 5, 3, "echo-request", 8, -1,
            "ping", 8, -1, "router-advertisement", 9, -1, "router-solicitation", 10, -1, "time-exceeded", 11, -1,
            "ttl-exceeded", 11, -1, "ttl-zero-during-transit", 11, 0, "ttl-zero-during-reassembly", 11, 1,
            "parameter-problem", 12, -1, "ip-header-bad", 12, 0, "required-option-missing", 12, 1,
            "timestamp-request", 13, -1, "timestamp-reply", 14, -1, "address-mask-request", 17, -1,
            "address-mask-reply", 18, -1);

    /** Type and code of each name of {@link #V6}, as ip6tables' icmp6 match reads them. */
    static final java.util.Map<String, int[]> CODES_V6 = codes(
            "destination-unreachable", 1, -1, "no-route", 1, 0, "communication-prohibited", 1, 1, "beyond-scope", 1, 2,
            "address-unreachable", 1, 3, "port-unreachable", 1, 4, "failed-policy", 1, 5, "reject-route", 1, 6,
            "packet-too-big", 2, -1, "time-exceeded", 3, -1, "ttl-exceeded", 3, -1, "ttl-zero-during-transit", 3, 0,
            "ttl-zero-during-reassembly", 3, 1, "parameter-problem", 4, -1, "bad-header", 4, 0,
            "unknown-header-type", 4, 1, "unknown-option", 4, 2, "echo-request", 128, -1, "ping", 128, -1,
            "echo-reply", 129, -1, "pong", 129, -1, "router-solicitation", 133, -1, "router-advertisement", 134, -1,
            "neighbour-solicitation", 135, -1, "neighbor-solicitation", 135, -1, "neighbour-advertisement", 136, -1,
            "neighbor-advertisement", 136, -1, "redirect", 137, -1);

    private static java.util.Map<String, int[]> codes(Object... triples) {
        java.util.Map<String, int[]> m = new java.util.HashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            m.put((String) triples[i], new int[] {(Integer) triples[i + 1], (Integer) triples[i + 2]});
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
