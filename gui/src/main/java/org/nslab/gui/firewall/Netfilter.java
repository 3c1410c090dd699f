package org.nslab.gui.firewall;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.net.Family;
import org.nslab.engine.netfilter.Hook;
import org.nslab.engine.netfilter.Table;

/**
 * The firewall tab's view of the engine's netfilter vocabulary ({@link org.nslab.engine.netfilter.Netfilter}):
 * the same tables, chains, targets and names the validator checks and the renderer writes, in the shapes the
 * tab's controls take. Nothing here is decided anew.
 */
public final class Netfilter {
    private Netfilter() {}

    /** Tables in the order the format lists them. */
    public static final List<String> TABLES = org.nslab.engine.netfilter.Netfilter.tableNames();

    /** The hooks, in the order of the netfilter diagram. */
    public static final List<String> HOOKS = java.util.Arrays.stream(Hook.values()).map(Hook::name).toList();

    public static final Map<String, List<String>> BUILT_IN = builtIn();

    /** Tables whose built-in chains take a policy. */
    public static final Set<String> POLICY_TABLES = org.nslab.engine.netfilter.Netfilter.TABLES.stream()
            .filter(Table::takesPolicy).map(Table::iptablesName).collect(Collectors.toUnmodifiableSet());

    public static final List<String> POLICIES = org.nslab.engine.netfilter.Netfilter.POLICIES;

    public static final List<String> TARGETS = org.nslab.engine.netfilter.Netfilter.TARGETS;

    public static final List<String> STATES = org.nslab.engine.netfilter.Netfilter.STATES;

    /** The match fields that {@code not} may negate. */
    public static final List<String> NEGATABLE = org.nslab.engine.netfilter.Netfilter.NEGATABLE;

    /** The target option each target takes, if any. */
    public static final Map<String, String> TARGET_OPTION = targetOption();

    /** Protocols a rule of the family may name (a number is also accepted). */
    public static List<String> protocols(Family family) {
        return org.nslab.engine.netfilter.Netfilter.protocols(family);
    }

    /** ICMP types offered first; every other name iptables knows is accepted too. */
    public static List<String> icmpTypes(Family family) {
        return org.nslab.engine.netfilter.Netfilter.commonIcmpTypes(family);
    }

    public static List<String> rejectWith(Family family) {
        return org.nslab.engine.netfilter.Netfilter.canonicalRejectWith(family);
    }

    /** The tables with a chain at {@code hook}, in the order a packet meets them there. */
    public static List<String> tablesAt(String hook) {
        return org.nslab.engine.netfilter.Netfilter.tablesAt(Hook.valueOf(hook)).stream().map(Table::iptablesName).toList();
    }

    /** The design's key of a family's firewall: {@code firewall} or {@code firewall6}. */
    public static String key(Family family) {
        return family == Family.IPV4 ? "firewall" : "firewall6";
    }

    public static String label(Family family) {
        return family == Family.IPV4 ? "IPv4 (iptables)" : "IPv6 (ip6tables)";
    }

    public static boolean isBuiltIn(String table, String chain) {
        return org.nslab.engine.netfilter.Netfilter.isBuiltIn(table, chain);
    }

    /** True when {@code table} has a built-in chain at {@code hook}. */
    public static boolean hasHook(String table, String hook) {
        return isBuiltIn(table, hook);
    }

    /** True when the chain does something: it has rules, or a policy other than the kernel's ACCEPT. */
    public static boolean isActive(Firewall fw, String table, String chain) {
        if (fw == null) return false;
        Chain c = fw.tables().getOrDefault(table, java.util.Collections.emptySortedMap()).get(chain);
        return c != null && (!c.rules().isEmpty() || (c.policy() != null && !"ACCEPT".equals(c.policy())));
    }

    private static Map<String, List<String>> builtIn() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Table t : org.nslab.engine.netfilter.Netfilter.TABLES) m.put(t.iptablesName(), t.builtInChains());
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, String> targetOption() {
        Map<String, String> m = new LinkedHashMap<>();
        org.nslab.engine.netfilter.Netfilter.OPTION_TARGETS.forEach((option, targets) -> targets.forEach(t -> m.put(t, option)));
        return Map.copyOf(m);
    }
}
