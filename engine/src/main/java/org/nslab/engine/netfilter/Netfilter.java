package org.nslab.engine.netfilter;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.net.Family;

/**
 * The netfilter vocabulary of the format, in one place: used by the validator (what a design may say), the
 * renderer (what it writes) and the designer (what it offers). Where iptables accepts more than the format,
 * the format's choice is said here with its reason; tests pin each against what iptables really does.
 */
public final class Netfilter {
    private Netfilter() {}

    /** Tables in the order the format lists them and the renderer writes them. */
    public static final List<Table> TABLES = List.of(Table.values());

    public static final List<String> POLICIES = List.of("ACCEPT", "DROP");

    /** The targets iptables provides that the format knows; any other target is a user chain of the same table. */
    public static final List<String> TARGETS =
            List.of("ACCEPT", "DROP", "REJECT", "RETURN", "LOG", "MASQUERADE", "SNAT", "DNAT", "REDIRECT", "MARK");

    /** Conntrack states of {@code -m conntrack --ctstate}. */
    public static final List<String> STATES = List.of("NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED");

    /** The match fields that {@code not} may negate. */
    public static final List<String> NEGATABLE =
            List.of("proto", "source", "destination", "in", "out", "sport", "dport", "state", "icmpType");

    /** Target option (design key) → the targets that take it. */
    public static final Map<String, List<String>> OPTION_TARGETS = Map.of(
            "toSource", List.of("SNAT"),
            "toDestination", List.of("DNAT"),
            "toPorts", List.of("MASQUERADE", "REDIRECT"),
            "rejectWith", List.of("REJECT"),
            "logPrefix", List.of("LOG"),
            "setMark", List.of("MARK"));

    /**
     * Target → table → the hooks where it may be used; a target not listed goes anywhere. These are the kernel's
     * own checks (each target's {@code checkentry}: REJECT only in filter, the NAT targets at their hooks), except
     * MARK, which the kernel takes in any table but the format keeps to mangle, where marks are set by
     * convention (a MARK in filter is almost always a misplaced rule). DROP in nat is refused by iptables itself.
     */
    private static final Map<String, Map<Table, Set<Hook>>> PLACES = Map.of(
            "REJECT", Map.of(Table.FILTER, Set.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT)),
            "MASQUERADE", Map.of(Table.NAT, Set.of(Hook.POSTROUTING)),
            "SNAT", Map.of(Table.NAT, Set.of(Hook.POSTROUTING, Hook.INPUT)),
            "DNAT", Map.of(Table.NAT, Set.of(Hook.PREROUTING, Hook.OUTPUT)),
            "REDIRECT", Map.of(Table.NAT, Set.of(Hook.PREROUTING, Hook.OUTPUT)),
            "MARK", Map.of(Table.MANGLE, Set.copyOf(Table.MANGLE.hooks())));

    /** The iptables names of the tables, in {@link #TABLES} order. */
    public static List<String> tableNames() {
        return TABLES.stream().map(Table::iptablesName).toList();
    }

    /** Every name that is a built-in chain of some table: none of them may name a user chain. */
    public static Set<String> builtInChainNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Table t : TABLES) names.addAll(t.builtInChains());
        return names;
    }

    public static boolean isBuiltIn(String table, String chain) {
        Table t = Table.named(table);
        return t != null && t.hasBuiltIn(chain);
    }

    /** The tables with a chain at {@code hook}, in the order a packet meets them there (kernel priority). */
    public static List<Table> tablesAt(Hook hook) {
        return TABLES_AT.get(hook);
    }

    /** Asked for every hook a walked packet crosses, so computed once. */
    private static final Map<Hook, List<Table>> TABLES_AT = tablesPerHook();

    private static Map<Hook, List<Table>> tablesPerHook() {
        Map<Hook, List<Table>> m = new java.util.EnumMap<>(Hook.class);
        for (Hook hook : Hook.values()) {
            m.put(hook, TABLES.stream().filter(t -> t.hooks().contains(hook)).sorted(Comparator.comparingInt(t -> t.priorityAt(hook))).toList());
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Whether the format places no limit on {@code target}: it may be used in every table and chain. */
    public static boolean isUnrestricted(String target) {
        return !PLACES.containsKey(target) && !target.equals("DROP");
    }

    /** The hooks of {@code table} where {@code target} may be used; empty when nowhere in that table. */
    public static Set<Hook> hooksFor(String target, Table table) {
        if (target.equals("DROP") && table == Table.NAT) return Set.of();
        Map<Table, Set<Hook>> places = PLACES.get(target);
        if (places == null) return Set.copyOf(table.hooks());
        return places.getOrDefault(table, Set.of());
    }

    /** Where a restricted target may be used, for messages: table → chains. */
    public static Map<Table, Set<Hook>> placesOf(String target) {
        return PLACES.getOrDefault(target, Map.of());
    }

    /** Protocol names of {@code -p} for a family; a number 0..255 is also accepted. */
    public static List<String> protocols(Family family) {
        return List.of("tcp", "udp", icmp(family), "all");
    }

    /** The ICMP protocol's name in the format: {@code icmp}, or {@code icmpv6} in firewall6. */
    public static String icmp(Family family) {
        return family == Family.IPV4 ? "icmp" : "icmpv6";
    }

    /** Every ICMP type name iptables' icmp (or ip6tables' icmp6) match knows, aliases included. */
    public static Set<String> icmpTypes(Family family) {
        return family == Family.IPV4 ? IcmpTypes.V4 : IcmpTypes.V6;
    }

    /** The ICMP types the designer offers first: common ones, each a name of {@link #icmpTypes}. */
    public static List<String> commonIcmpTypes(Family family) {
        return family == Family.IPV4 ? IcmpTypes.COMMON_V4 : IcmpTypes.COMMON_V6;
    }

    /** Every {@code --reject-with} value of the family, aliases included. */
    public static List<String> rejectWith(Family family) {
        return family == Family.IPV4 ? IcmpTypes.REJECT_V4 : IcmpTypes.REJECT_V6;
    }

    /** The {@code --reject-with} values without ip6tables' short aliases, as the designer offers them. */
    public static List<String> canonicalRejectWith(Family family) {
        return family == Family.IPV4 ? IcmpTypes.REJECT_V4 : IcmpTypes.CANONICAL_REJECT_V6;
    }

    /**
     * The ICMP type and code an {@code icmpType} value matches: a name of {@link #icmpTypes} or {@code type[/code]}
     * numbers; code -1 matches every code, type -1 ({@code any}) every type. Empty when the value is neither.
     */
    public static java.util.Optional<int[]> icmpTypeCode(Family family, String value) {
        int[] named = (family == Family.IPV4 ? IcmpTypes.CODES_V4 : IcmpTypes.CODES_V6).get(value);
        if (named != null) return java.util.Optional.of(named.clone());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]{1,3})(?:/([0-9]{1,3}))?").matcher(value);
        if (!m.matches()) return java.util.Optional.empty();
        int type = Integer.parseInt(m.group(1));
        int code = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        if (type > 255 || code > 255) return java.util.Optional.empty();
        return java.util.Optional.of(new int[] {type, code});
    }
}
