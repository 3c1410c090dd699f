package org.nslab.gui.firewall;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;

/** The tables, hooks and targets of iptables, as the file format allows them. */
public final class Netfilter {
    private Netfilter() {}

    /** Tables in the order packets meet them at a hook. */
    public static final List<String> TABLES = List.of("raw", "mangle", "nat", "filter");

    /** The hooks, in the order of the netfilter diagram. */
    public static final List<String> HOOKS = List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING");

    public static final Map<String, List<String>> BUILT_IN = Map.of(
            "raw", List.of("PREROUTING", "OUTPUT"),
            "mangle", List.of("PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"),
            "nat", List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"),
            "filter", List.of("INPUT", "FORWARD", "OUTPUT"));

    /** Tables whose built-in chains take a policy. */
    public static final Set<String> POLICY_TABLES = Set.of("filter", "mangle", "raw");

    public static final List<String> POLICIES = List.of("ACCEPT", "DROP");

    public static final List<String> TARGETS =
            List.of("ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "MASQUERADE", "SNAT", "DNAT", "REDIRECT", "MARK");

    public static final List<String> PROTOCOLS = List.of("tcp", "udp", "icmp", "icmpv6", "all");

    public static final List<String> STATES = List.of("NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED");

    /** The match fields that {@code not} may negate. */
    public static final List<String> NEGATABLE = List.of("proto", "source", "destination", "in", "out", "sport", "dport", "state", "icmpType");

    public static final List<String> ICMP_TYPES = List.of("echo-request", "echo-reply", "destination-unreachable",
            "time-exceeded", "parameter-problem", "redirect", "any");

    public static final List<String> ICMPV6_TYPES = List.of("echo-request", "echo-reply", "destination-unreachable",
            "packet-too-big", "time-exceeded", "parameter-problem", "neighbour-solicitation", "neighbour-advertisement",
            "router-solicitation", "router-advertisement");

    public static final List<String> REJECT_WITH = List.of("icmp-port-unreachable", "icmp-net-unreachable",
            "icmp-host-unreachable", "icmp-proto-unreachable", "icmp-net-prohibited", "icmp-host-prohibited",
            "icmp-admin-prohibited", "tcp-reset");

    public static final List<String> REJECT_WITH6 = List.of("icmp6-port-unreachable", "icmp6-no-route",
            "icmp6-adm-prohibited", "icmp6-addr-unreachable", "tcp-reset");

    /** The target option each target takes, if any. */
    public static final Map<String, String> TARGET_OPTION = Map.of(
            "SNAT", "toSource", "DNAT", "toDestination", "MASQUERADE", "toPorts", "REDIRECT", "toPorts",
            "REJECT", "rejectWith", "LOG", "logPrefix", "MARK", "setMark");

    public static boolean isBuiltIn(String table, String chain) {
        return BUILT_IN.getOrDefault(table, List.of()).contains(chain);
    }

    /** True when {@code table} has {@code chain} at {@code hook}... i.e. the built-in chain named like the hook. */
    public static boolean hasHook(String table, String hook) {
        return isBuiltIn(table, hook);
    }

    /** True when the chain does something: it has rules, or a policy other than the kernel's ACCEPT. */
    public static boolean isActive(Firewall fw, String table, String chain) {
        if (fw == null) return false;
        Chain c = fw.tables().getOrDefault(table, java.util.Collections.emptySortedMap()).get(chain);
        return c != null && (!c.rules().isEmpty() || (c.policy() != null && !"ACCEPT".equals(c.policy())));
    }
}
