package org.nslab.engine.walk;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.firewall.IptablesRenderer;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Rule;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.netfilter.Netfilter;
import org.nslab.engine.netfilter.Table;

/**
 * A namespace's firewall of one family, parsed once: each rule's matches as values, its iptables text, and what
 * the walker cannot model about it (never guessed: the walk stops at such a rule and names it).
 */
final class Firewalls {
    private Firewalls() {}

    record PortRange(int low, int high) {
        boolean contains(int port) {
            return port >= low && port <= high;
        }

        static PortRange parse(String text) {
            if (text == null) return null;
            int colon = text.indexOf(':');
            if (colon < 0) {
                int p = Integer.parseInt(text);
                return new PortRange(p, p);
            }
            return new PortRange(Integer.parseInt(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
        }
    }

    static final class CompiledRule {
        final int number;
        final Rule rule;
        final String text;
        /** -1: any protocol ({@code all}, or no {@code proto}). */
        final int proto;
        final Cidr source;
        final Cidr destination;
        final PortRange sport;
        final PortRange dport;
        final int[] icmp;
        final Set<String> not;
        final String unmodelled;

        CompiledRule(int number, String chain, Rule rule, Family family) {
            this.number = number;
            this.rule = rule;
            this.text = IptablesRenderer.ruleText(chain, rule, family);
            this.not = Set.copyOf(rule.not());
            this.proto = protocolNumber(rule.proto(), family);
            this.source = rule.source() == null ? null : Cidr.parseAddressOrCidr(rule.source());
            this.destination = rule.destination() == null ? null : Cidr.parseAddressOrCidr(rule.destination());
            this.sport = PortRange.parse(rule.sport());
            this.dport = PortRange.parse(rule.dport());
            this.icmp = rule.icmpType() == null ? null : Netfilter.icmpTypeCode(family, rule.icmpType()).orElse(null);
            this.unmodelled = unmodelled(rule, icmp, not, sport, dport);
        }

        String target() {
            return rule.target();
        }

        private static String unmodelled(Rule rule, int[] icmp, Set<String> not, PortRange sport, PortRange dport) {
            if (rule.icmpType() != null && icmp == null) return "ICMP type " + rule.icmpType() + " is not one the walker knows";
            // iptables-nft (1.8.9) loads "! --sport A ! --dport B" as one 4-byte comparison, which matches unless
            // both ports are equal; iptables-legacy negates each. What the kernel does depends on the tool.
            if (not.contains("sport") && not.contains("dport") && sport.low() == sport.high() && dport.low() == dport.high()) {
                return "both single ports negated: iptables-nft loads them as one comparison (matching unless both equal), "
                        + "iptables-legacy negates each, so the verdict depends on the iptables backend";
            }
            return null;
        }
    }

    static final class CompiledChain {
        final String name;
        final String policy;
        final List<CompiledRule> rules;

        CompiledChain(String name, String policy, List<CompiledRule> rules) {
            this.name = name;
            this.policy = policy == null ? "ACCEPT" : policy;
            this.rules = rules;
        }
    }

    /** Tables the design names (the only ones the lab loads), each with its built-in chains (present even if empty). */
    static final class Compiled {
        final Map<Table, Map<String, CompiledChain>> tables = new EnumMap<>(Table.class);

        boolean has(Table t) {
            return tables.containsKey(t);
        }

        CompiledChain chain(Table t, String name) {
            Map<String, CompiledChain> chains = tables.get(t);
            return chains == null ? null : chains.get(name);
        }
    }

    static Compiled compile(Firewall firewall, Family family) {
        Compiled c = new Compiled();
        if (firewall == null) return c;
        for (var e : firewall.tables().entrySet()) {
            Table t = Table.named(e.getKey());
            if (t == null) continue;
            Map<String, CompiledChain> chains = new LinkedHashMap<>();
            for (String b : t.builtInChains()) chains.put(b, new CompiledChain(b, null, List.of()));
            for (var ce : e.getValue().entrySet()) {
                Chain chain = ce.getValue();
                List<CompiledRule> rules = new ArrayList<>();
                for (int i = 0; i < chain.rules().size(); i++) rules.add(new CompiledRule(i + 1, ce.getKey(), chain.rules().get(i), family));
                chains.put(ce.getKey(), new CompiledChain(ce.getKey(), chain.policy(), List.copyOf(rules)));
            }
            c.tables.put(t, chains);
        }
        return c;
    }

    /** -1 for any protocol; iptables' names of the format, or the number itself. */
    static int protocolNumber(String proto, Family family) {
        if (proto == null || proto.equals("all")) return -1;
        return switch (proto) {
            case "tcp" -> 6;
            case "udp" -> 17;
            case "icmp" -> 1;
            case "icmpv6", "ipv6-icmp" -> 58;
            default -> {
                int n = Integer.parseInt(proto);
                yield n == 0 ? -1 : n;
            }
        };
    }

    /**
     * Whether the rule's matches hold for the packet. {@code in}/{@code out} are null where the hook has no such
     * interface (iptables then compares with an empty name, which only a negated match passes); {@code state} is
     * the conntrack state name.
     */
    static boolean matches(CompiledRule r, Packet p, String in, String out, String state) {
        int pn = p.protocol().number(p.family());
        if (r.proto != -1 && (r.proto == pn) == r.not.contains("proto")) return false;
        if (r.source != null && r.source.contains(p.source()) == r.not.contains("source")) return false;
        if (r.destination != null && r.destination.contains(p.destination()) == r.not.contains("destination")) return false;
        if (r.rule.in() != null && iface(r.rule.in(), in) == r.not.contains("in")) return false;
        if (r.rule.out() != null && iface(r.rule.out(), out) == r.not.contains("out")) return false;
        if (r.sport != null || r.dport != null) {
            // The tcp/udp match only sees packets of its protocol, negated or not.
            if (!p.protocol().hasPorts() || pn != r.proto) return false;
            if (r.sport != null && r.sport.contains(p.sourcePort()) == r.not.contains("sport")) return false;
            if (r.dport != null && r.dport.contains(p.destinationPort()) == r.not.contains("dport")) return false;
        }
        if (r.icmp != null) {
            if (p.protocol() != Protocol.ICMP) return false;
            boolean hit = r.icmp[0] == -1 || r.icmp[0] == p.icmpType() && (r.icmp[1] == -1 || r.icmp[1] == p.icmpCode());
            if (hit == r.not.contains("icmpType")) return false;
        }
        if (!r.rule.state().isEmpty() && r.rule.state().contains(state) == r.not.contains("state")) return false;
        return true;
    }

    /** iptables' interface match: exact, or a prefix when the name ends in {@code +}. */
    static boolean iface(String pattern, String name) {
        if (name == null) name = "";
        if (pattern.endsWith("+")) return name.startsWith(pattern.substring(0, pattern.length() - 1));
        return pattern.equals(name);
    }
}
