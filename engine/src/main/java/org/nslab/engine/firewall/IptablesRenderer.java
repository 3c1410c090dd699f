package org.nslab.engine.firewall;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.LabName;
import org.nslab.engine.model.Rule;
import org.nslab.engine.net.Family;
import org.nslab.engine.netfilter.Hook;
import org.nslab.engine.netfilter.Netfilter;
import org.nslab.engine.netfilter.Table;

/**
 * Renders a namespace's structured firewall into {@code iptables-restore} / {@code ip6tables-restore} input.
 *
 * <p>Two modes. In a namespace the lab owns, every table the design names is written whole (built-in chains
 * with their policies, user chains, rules), so a plain restore replaces exactly those tables. In {@code host}
 * nothing of the host is flushed or re-policied: each chain of the design becomes a lab-owned chain
 * {@code NSLAB-<lab>-<n>} and every built-in chain used gets one appended jump into its lab chain, for
 * {@code iptables-restore --noflush}.
 *
 * <p>Chain numbering in host mode: tables in netfilter order (raw, mangle, nat, filter); within a table, the
 * built-in chains the design uses in netfilter order, then its user chains sorted by name; {@code n} counts
 * from 1 across all tables, so a chain name alone identifies one chain. A policy on a built-in chain in host
 * becomes the last rule of its lab chain, because the host's own policy is never changed.
 *
 * <p>Every value reaches the output either as a token of a fixed safe alphabet or inside double quotes with
 * {@code \} and {@code "} escaped; control characters, newlines and empty values are refused even when the
 * design was never validated, because the output is parsed line by line and token by token.
 */
public final class IptablesRenderer {

    /** Tables and their built-in chains, from the vocabulary (engine.netfilter). */
    static final Map<String, List<String>> BUILT_IN = builtIns();

    /** Targets iptables provides; any other target must be a user chain of the same table. */
    static final Set<String> STANDARD_TARGETS = Set.copyOf(Netfilter.TARGETS);

    /** Longest chain name iptables accepts. */
    public static final int MAX_CHAIN_NAME = 28;

    private IptablesRenderer() {}

    /** Whole-table input for a namespace the lab owns. */
    public static String renderOwned(Firewall firewall, Family family) {
        return renderOwned(firewall, family, Set.of());
    }

    /**
     * Whole-table input for a namespace the lab owns; each table in {@code alsoReset} that the design no longer
     * names is written empty with ACCEPT policies, so a reload also clears what an earlier design put there.
     */
    public static String renderOwned(Firewall firewall, Family family, Collection<String> alsoReset) {
        Firewall fw = firewall == null ? Firewall.of(Map.of()) : firewall;
        StringBuilder out = new StringBuilder();
        for (String table : tablesInOrder(fw, alsoReset)) {
            SortedMap<String, Chain> chains = fw.tables().getOrDefault(table, java.util.Collections.emptySortedMap());
            out.append('*').append(table).append('\n');
            for (String builtIn : BUILT_IN.get(table)) {
                Chain c = chains.get(builtIn);
                String policy = c == null || c.policy() == null ? "ACCEPT" : policy(c.policy());
                out.append(':').append(builtIn).append(' ').append(policy).append(" [0:0]\n");
            }
            List<String> userChains = userChains(table, chains);
            for (String user : userChains) out.append(':').append(chainToken(user)).append(" - [0:0]\n");
            Map<String, String> names = identity(userChains);
            for (String chain : chainOrder(table, chains)) {
                for (Rule rule : chains.get(chain).rules()) {
                    out.append(ruleLine(chain, rule, family, names)).append('\n');
                }
            }
            out.append("COMMIT\n");
        }
        return out.toString();
    }

    /** The lab-owned chains, jumps and restore input for {@code host}. */
    public static HostRules renderHost(String lab, Firewall firewall, Family family) {
        checkLab(lab);
        Firewall fw = firewall == null ? Firewall.of(Map.of()) : firewall;
        StringBuilder out = new StringBuilder();
        List<String> owned = new ArrayList<>();
        List<HostRules.Jump> jumps = new ArrayList<>();
        List<HostRules.OwnedChain> chainsByTable = new ArrayList<>();
        int n = 0;
        for (String table : tablesInOrder(fw, Set.of())) {
            SortedMap<String, Chain> chains = fw.tables().get(table);
            Map<String, String> names = new LinkedHashMap<>();
            for (String chain : chainOrder(table, chains)) names.put(chain, hostChainName(lab, ++n));
            if (names.isEmpty()) continue;
            out.append('*').append(table).append('\n');
            names.forEach((chain, mapped) -> out.append(':').append(mapped).append(" - [0:0]\n"));
            for (var e : names.entrySet()) {
                String chain = e.getKey();
                String mapped = e.getValue();
                owned.add(mapped);
                chainsByTable.add(new HostRules.OwnedChain(table, mapped));
                for (Rule rule : chains.get(chain).rules()) {
                    out.append(ruleLine(mapped, rule, family, names)).append('\n');
                }
                Chain c = chains.get(chain);
                if (BUILT_IN.get(table).contains(chain) && c.policy() != null) {
                    out.append("-A ").append(mapped).append(" -m comment --comment \"policy of ").append(chain)
                            .append("\" -j ").append(policy(c.policy())).append('\n');
                }
            }
            for (var e : names.entrySet()) {
                if (!BUILT_IN.get(table).contains(e.getKey())) continue;
                HostRules.Jump jump = new HostRules.Jump(table, e.getKey(), e.getValue(), lab);
                jumps.add(jump);
                out.append("-A ").append(jump.ruleSpec()).append('\n');
            }
            out.append("COMMIT\n");
        }
        return new HostRules(out.toString(), owned, chainsByTable, jumps);
    }

    /**
     * One lab-owned chain in host holding {@code rules}, entered by a jump appended to the built-in chain of
     * {@code from}: input for {@code iptables-restore --noflush}, for what a host needs beyond the design (such as
     * accepting a lab bridge's frames where the host's FORWARD drops them). Rules are written as a design's are.
     */
    public static String renderHostChain(Table table, Hook from, String chain, List<Rule> rules, Family family) {
        if (!table.hasBuiltIn(from.name())) throw new IllegalArgumentException(table.iptablesName() + " has no chain " + from);
        Map<String, String> names = Map.of(chain, chain);
        StringBuilder out = new StringBuilder().append('*').append(table.iptablesName()).append('\n');
        out.append(':').append(chainToken(chain)).append(" - [0:0]\n");
        for (Rule rule : rules) out.append(ruleLine(chain, rule, family, names)).append('\n');
        out.append(ruleLine(from.name(), Rule.target(chain), family, names)).append('\n');
        return out.append("COMMIT\n").toString();
    }

    /** {@code NSLAB-<lab>-<n>}; refuses a name longer than iptables allows. */
    public static String hostChainName(String lab, int n) {
        String name = "NSLAB-" + lab + "-" + n;
        if (name.length() > MAX_CHAIN_NAME) {
            throw new IllegalArgumentException("chain " + name + " is longer than " + MAX_CHAIN_NAME + " characters");
        }
        return name;
    }

    // ---- structure ----

    private static Map<String, List<String>> builtIns() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Table t : Netfilter.TABLES) m.put(t.iptablesName(), t.builtInChains());
        return java.util.Collections.unmodifiableMap(m);
    }

    private static List<String> tablesInOrder(Firewall fw, Collection<String> alsoReset) {
        for (String t : fw.tables().keySet()) {
            if (!BUILT_IN.containsKey(t)) throw new IllegalArgumentException("unknown iptables table " + safeForMessage(t));
        }
        for (String t : alsoReset) {
            if (!BUILT_IN.containsKey(t)) throw new IllegalArgumentException("unknown iptables table " + safeForMessage(t));
        }
        return BUILT_IN.keySet().stream().filter(t -> fw.tables().containsKey(t) || alsoReset.contains(t)).toList();
    }

    /** Built-in chains the design names (netfilter order), then user chains sorted by name. */
    private static List<String> chainOrder(String table, SortedMap<String, Chain> chains) {
        List<String> order = new ArrayList<>();
        for (String b : BUILT_IN.get(table)) if (chains.containsKey(b)) order.add(b);
        order.addAll(userChains(table, chains));
        return order;
    }

    private static List<String> userChains(String table, SortedMap<String, Chain> chains) {
        List<String> user = new ArrayList<>(new TreeSet<>(chains.keySet()));
        user.removeAll(BUILT_IN.get(table));
        return user;
    }

    private static Map<String, String> identity(List<String> userChains) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String u : userChains) m.put(u, u);
        return m;
    }

    // ---- rules ----

    /**
     * The {@code -A} line of one rule as a lab namespace's restore input writes it, for showing a rule to a
     * person (the packet walk names the rule that decided); a jump to a user chain keeps the chain's name.
     */
    public static String ruleText(String chain, Rule rule, Family family) {
        String target = rule.target() == null ? "" : rule.target();
        return ruleLine(chain, rule, family, STANDARD_TARGETS.contains(target) ? Map.of() : Map.of(target, target));
    }

    /**
     * One {@code -A} line. {@code names} maps the table's chain names (user chains at least) to the names
     * they are rendered under; a target that is neither standard nor in it is refused.
     */
    static String ruleLine(String chain, Rule r, Family family, Map<String, String> names) {
        Set<String> not = Set.copyOf(r.not());
        StringBuilder b = new StringBuilder("-A ").append(chainToken(chain));
        if (r.proto() != null) option(b, not, "proto", "-p", token("proto", r.proto()));
        if (r.source() != null) option(b, not, "source", "-s", token("source", r.source()));
        if (r.destination() != null) option(b, not, "destination", "-d", token("destination", r.destination()));
        if (r.in() != null) option(b, not, "in", "-i", token("in", r.in()));
        if (r.out() != null) option(b, not, "out", "-o", token("out", r.out()));
        if (r.sport() != null || r.dport() != null) {
            String proto = r.proto() == null ? "" : r.proto();
            if (!proto.equals("tcp") && !proto.equals("udp") || not.contains("proto")) {
                throw new IllegalArgumentException("a port match needs proto tcp or udp, not negated");
            }
            b.append(" -m ").append(proto);
            if (r.sport() != null) option(b, not, "sport", "--sport", token("sport", r.sport()));
            if (r.dport() != null) option(b, not, "dport", "--dport", token("dport", r.dport()));
        }
        if (r.icmpType() != null) {
            String proto = r.proto() == null || not.contains("proto") ? "" : r.proto();
            if (proto.equals("icmp") && family == Family.IPV4) {
                b.append(" -m icmp");
                option(b, not, "icmpType", "--icmp-type", token("icmpType", r.icmpType()));
            } else if ((proto.equals("icmpv6") || proto.equals("ipv6-icmp")) && family == Family.IPV6) {
                b.append(" -m icmp6");
                option(b, not, "icmpType", "--icmpv6-type", token("icmpType", r.icmpType()));
            } else {
                throw new IllegalArgumentException("icmpType needs proto icmp (IPv4) or icmpv6 (IPv6)");
            }
        }
        if (!r.state().isEmpty()) {
            b.append(" -m conntrack");
            List<String> states = r.state().stream().map(s -> token("state", s)).toList();
            option(b, not, "state", "--ctstate", String.join(",", states));
        }
        if (r.comment() != null) b.append(" -m comment --comment ").append(quoted("comment", r.comment()));
        if (r.target() == null) throw new IllegalArgumentException("rule without target");
        String target = token("target", r.target());
        String rendered = target;
        if (!STANDARD_TARGETS.contains(target)) {
            rendered = names.get(target);
            if (rendered == null || BUILT_IN.values().stream().anyMatch(l -> l.contains(target))) {
                throw new IllegalArgumentException("target " + target + " is not a user chain of this table");
            }
        }
        b.append(" -j ").append(rendered);
        if (r.toSource() != null) b.append(" --to-source ").append(token("toSource", r.toSource()));
        if (r.toDestination() != null) b.append(" --to-destination ").append(token("toDestination", r.toDestination()));
        // The design writes port ranges as low:high everywhere; --to-ports only takes low-high.
        if (r.toPorts() != null) b.append(" --to-ports ").append(token("toPorts", r.toPorts()).replace(':', '-'));
        if (r.rejectWith() != null) b.append(" --reject-with ").append(token("rejectWith", r.rejectWith()));
        if (r.logPrefix() != null) b.append(" --log-prefix ").append(quoted("logPrefix", r.logPrefix()));
        if (r.setMark() != null) b.append(" --set-mark ").append(token("setMark", r.setMark()));
        return b.toString();
    }

    private static void option(StringBuilder b, Set<String> not, String field, String flag, String value) {
        b.append(not.contains(field) ? " ! " : " ").append(flag).append(' ').append(value);
    }

    private static String policy(String policy) {
        if (!policy.equals("ACCEPT") && !policy.equals("DROP")) {
            throw new IllegalArgumentException("policy must be ACCEPT or DROP, not " + safeForMessage(policy));
        }
        return policy;
    }

    // ---- values ----

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_.:/+,@%=\\[\\]-]+");
    private static final java.util.regex.Pattern CHAIN = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,27}");

    /** A value written bare: it must be one token of the safe alphabet, so it can never split or add an option. */
    static String token(String field, String value) {
        refuseControl(field, value);
        if (!TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " " + safeForMessage(value) + " is not a plain iptables value");
        }
        return value;
    }

    /** Free text inside double quotes; iptables-restore reads {@code \\} and {@code \"} as escapes there. */
    static String quoted(String field, String value) {
        refuseControl(field, value);
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String chainToken(String chain) {
        refuseControl("chain", chain);
        if (!CHAIN.matcher(chain).matches()) {
            throw new IllegalArgumentException("chain name " + safeForMessage(chain) + " is not valid");
        }
        return chain;
    }

    private static void checkLab(String lab) {
        if (!LabName.isValid(lab)) {
            throw new IllegalArgumentException("lab name " + safeForMessage(String.valueOf(lab)) + " is not valid");
        }
    }

    /** Refuses empty values (iptables-restore drops an empty argument, which would shift the next one in). */
    private static void refuseControl(String field, String value) {
        if (value.isEmpty()) throw new IllegalArgumentException(field + " is empty");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                throw new IllegalArgumentException(field + " contains a control character (U+"
                        + String.format("%04X", (int) c) + ")");
            }
        }
    }

    /** Messages never echo control characters back. */
    private static String safeForMessage(String s) {
        StringBuilder b = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) b.append(String.format("\\u%04x", cp));
            else b.appendCodePoint(cp);
        });
        return b.append('"').toString();
    }
}
