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
}
