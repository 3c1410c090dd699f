package org.nslab.engine.validate;

import static org.nslab.engine.validate.Report.q;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Rule;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.InterfaceName;
import org.nslab.engine.netfilter.Hook;
import org.nslab.engine.netfilter.Netfilter;
import org.nslab.engine.netfilter.Table;
import org.nslab.engine.problem.JsonPointer;

/**
 * One namespace's {@code firewall} (IPv4) or {@code firewall6} (IPv6): tables, chains, policies, and each rule's
 * fields, with the kernel's own limits on where a target may be used (a jump to a chain of another table of
 * the same firewall is named as such); each problem goes to {@code r}.
 */
record FirewallRules(Family family, boolean host, Firewall firewall, Report r) {
    private static final java.util.regex.Pattern SMALL_NUMBER = java.util.regex.Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final java.util.regex.Pattern PORT_NUMBER = java.util.regex.Pattern.compile("0|[1-9][0-9]{0,4}");
    private static final java.util.regex.Pattern ICMP_NUMBER = java.util.regex.Pattern.compile("(0|[1-9][0-9]{0,2})(/(0|[1-9][0-9]{0,2}))?");
    private static final String MARK_NUMBER = "(0x[0-9a-fA-F]{1,8}|0|[1-9][0-9]{0,9})";
    private static final java.util.regex.Pattern MARK = java.util.regex.Pattern.compile(MARK_NUMBER + "(/" + MARK_NUMBER + ")?");
    /** Tables and their built-in chains, in the vocabulary's order (engine.netfilter is the one source). */
    static final Map<String, List<String>> BUILT_IN = builtIn();
    static final Set<String> POLICY_TABLES = Netfilter.TABLES.stream().filter(Table::takesPolicy).map(Table::iptablesName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());
    static final List<String> TARGETS = Netfilter.TARGETS;
    static final List<String> STATES = Netfilter.STATES;
    static final List<String> NEGATABLE = Netfilter.NEGATABLE;
    static final int MAX_COMMENT = 200;
    /** The kernel keeps 29 characters of a LOG prefix. */
    static final int MAX_LOG_PREFIX = 29;

    /** Target → (table → chains where it may be used); targets not listed are allowed everywhere (see Netfilter). */
    private static final Map<String, Map<String, Set<String>>> PLACES = places();
    private static final Map<String, List<String>> OPTION_TARGETS = Netfilter.OPTION_TARGETS;
    private static final Set<String> ICMP4_TYPES = Netfilter.icmpTypes(Family.IPV4);
    private static final Set<String> ICMP6_TYPES = Netfilter.icmpTypes(Family.IPV6);
    private static final List<String> REJECT4 = Netfilter.rejectWith(Family.IPV4);
    private static final List<String> REJECT6 = Netfilter.rejectWith(Family.IPV6);

    private static Map<String, List<String>> builtIn() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Table t : Netfilter.TABLES) m.put(t.iptablesName(), t.builtInChains());
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Map<String, Set<String>>> places() {
        Map<String, Map<String, Set<String>>> m = new java.util.HashMap<>();
        for (String target : Netfilter.TARGETS) {
            Map<Table, Set<Hook>> places = Netfilter.placesOf(target);
            if (places.isEmpty()) continue;
            Map<String, Set<String>> byTable = new java.util.HashMap<>();
            places.forEach((t, hooks) -> byTable.put(t.iptablesName(),
                    hooks.stream().map(Hook::name).collect(java.util.stream.Collectors.toUnmodifiableSet())));
            m.put(target, Map.copyOf(byTable));
        }
        return Map.copyOf(m);
    }

    private String icmp() {
        return Netfilter.icmp(family);
    }

    /** Checks {@code firewall}, which stands at {@code p} in the design. */
    void check(String p) {
        firewall.tables().forEach((table, chains) -> {
            String tp = JsonPointer.child(p, table);
            if (!BUILT_IN.containsKey(table)) {
                r.add(tp, "unknown table " + q(table) + r.hint(table, BUILT_IN.keySet()) + "; tables are "
                        + String.join(", ", BUILT_IN.keySet()));
                return;
            }
            table(table, chains, tp);
        });
    }

    private void table(String table, SortedMap<String, Chain> chains, String tp) {
        List<String> builtIns = BUILT_IN.get(table);
        Set<String> userChains = new TreeSet<>();
        chains.forEach((name, chain) -> {
            String cp = JsonPointer.child(tp, name);
            if (builtIns.contains(name)) {
                policy(table, name, chain, cp, true);
                return;
            }
            if (chainName(table, name, cp)) userChains.add(name);
            policy(table, name, chain, cp, false);
        });
        Map<String, List<Jump>> jumps = new HashMap<>();
        chains.forEach((name, chain) -> {
            String cp = JsonPointer.child(tp, name);
            for (int i = 0; i < chain.rules().size(); i++) {
                String rp = JsonPointer.child(JsonPointer.child(cp, "rules"), i);
                Rule rule = chain.rules().get(i);
                String jumpsTo = rule(table, name, rule, rp, userChains, chains.keySet());
                if (jumpsTo != null) jumps.computeIfAbsent(name, k -> new ArrayList<>()).add(new Jump(jumpsTo, rp));
            }
        });
        loops(userChains, jumps);
        Map<String, Set<String>> reach = reachingHooks(builtIns, chains.keySet(), jumps);
        chains.forEach((name, chain) -> {
            String cp = JsonPointer.child(tp, name);
            for (int i = 0; i < chain.rules().size(); i++) {
                placement(table, name, chain.rules().get(i), JsonPointer.child(JsonPointer.child(cp, "rules"), i), builtIns, reach);
            }
        });
    }

    private record Jump(String to, String pointer) {}

    private boolean chainName(String table, String name, String cp) {
        Optional<String> problem = userChainProblem(table, name);
        problem.ifPresent(m -> r.add(cp, m));
        return problem.isEmpty();
    }

    /** Why {@code name} cannot name a user chain of {@code table} (a known table), or empty when it can. */
    static Optional<String> userChainProblem(String table, String name) {
        if (Netfilter.builtInChainNames().contains(name)) {
            return Optional.of(q(name) + " is not a built-in chain of " + table + " (its built-in chains are "
                    + String.join(", ", BUILT_IN.get(table)) + "), and built-in names cannot name user chains");
        }
        if (TARGETS.contains(name)) return Optional.of(q(name) + " is a target and cannot name a user chain");
        if (!Names.USER_CHAIN.matcher(name).matches()) {
            return Optional.of(q(name) + " is not a valid chain name: expected a letter followed by up to 27 letters, digits, '_' or '-'");
        }
        return Optional.empty();
    }

    private void policy(String table, String name, Chain chain, String cp, boolean builtIn) {
        if (chain.policy() == null) return;
        String pp = JsonPointer.child(cp, "policy");
        if (!builtIn) {
            r.add(pp, "user chain " + q(name) + " cannot have a policy; a packet that reaches its end returns to the calling chain");
        } else if (!POLICY_TABLES.contains(table)) {
            r.add(pp, "chains of table " + table + " take no policy (only filter, mangle and raw chains do)");
        } else if (!chain.policy().equals("ACCEPT") && !chain.policy().equals("DROP")) {
            r.add(pp, q(chain.policy()) + " is not a policy; expected \"ACCEPT\" or \"DROP\"");
        } else if (host) {
            r.add(pp, "a design never changes the policies of host, which belong to the machine; end the chain with a DROP rule "
                    + "instead (it goes into the lab's own chain)");
        }
    }

    /** Checks one rule; returns the user chain it jumps to, if any. */
    private String rule(String table, String chain, Rule rule, String rp, Set<String> userChains, Set<String> allChains) {
        String proto = rule.proto();
        boolean portProto = "tcp".equals(proto) || "udp".equals(proto);
        Set<String> negated = new HashSet<>(rule.not());
        if (proto != null) protocol(proto, JsonPointer.child(rp, "proto"));
        address(rule.source(), JsonPointer.child(rp, "source"));
        address(rule.destination(), JsonPointer.child(rp, "destination"));
        iface(rule.in(), JsonPointer.child(rp, "in"), chain, "in", List.of("OUTPUT", "POSTROUTING"));
        iface(rule.out(), JsonPointer.child(rp, "out"), chain, "out", List.of("PREROUTING", "INPUT"));
        String portsNeed = negated.contains("proto") ? "a \"proto\" of tcp or udp that is not negated" : "\"proto\" tcp or udp";
        for (String field : List.of("sport", "dport")) {
            String value = field.equals("sport") ? rule.sport() : rule.dport();
            if (value == null) continue;
            String fp = JsonPointer.child(rp, field);
            if (ports(value, fp) && (!portProto || negated.contains("proto"))) {
                r.add(fp, "a port match needs " + portsNeed + (proto == null ? "; this rule has no \"proto\"" : "; this rule has " + q(proto)));
            }
        }
        states(rule.state(), JsonPointer.child(rp, "state"));
        if (rule.icmpType() != null) icmpType(rule, proto, negated, JsonPointer.child(rp, "icmpType"));
        not(rule, JsonPointer.child(rp, "not"));
        String jump = target(table, rule, rp, userChains, allChains);
        options(rule, rp, portProto && !negated.contains("proto"));
        safeText(rule.comment(), JsonPointer.child(rp, "comment"), MAX_COMMENT, "a comment");
        return jump;
    }

    private void protocol(String proto, String pp) {
        if (SMALL_NUMBER.matcher(proto).matches()) {
            if (Integer.parseInt(proto) > 255) r.add(pp, "protocol number " + proto + " is outside 0..255");
            return;
        }
        if (proto.equals("icmp") && family == Family.IPV6) {
            r.add(pp, "\"icmp\" is IPv4's ICMP; in firewall6 use \"icmpv6\"");
        } else if (proto.equals("icmpv6") && family == Family.IPV4) {
            r.add(pp, "\"icmpv6\" is IPv6's ICMP; in firewall (IPv4) use \"icmp\"");
        } else if (!Netfilter.protocols(Family.IPV4).contains(proto) && !Netfilter.protocols(Family.IPV6).contains(proto)) {
            r.add(pp, q(proto) + " is not a protocol" + r.hint(proto, Netfilter.protocols(family))
                    + "; expected \"tcp\", \"udp\", \"" + icmp() + "\", \"all\" or a protocol number 0..255");
        }
    }

    private void address(String value, String p) {
        if (value == null) return;
        Cidr c;
        try {
            c = Cidr.parseAddressOrCidr(value);
        } catch (IllegalArgumentException e) {
            r.add(p, e.getMessage() + "; expected an address or CIDR such as " + (family == Family.IPV4 ? "10.0.1.0/24" : "fd00:1::/64"));
            return;
        }
        if (c.family() != family) {
            r.add(p, q(value) + " is " + c.family() + "; " + (family == Family.IPV4 ? "firewall holds IPv4 rules (IPv6 ones go in firewall6)"
                    : "firewall6 holds IPv6 rules (IPv4 ones go in firewall)"));
        }
    }

    private void iface(String value, String p, String chain, String field, List<String> forbidden) {
        if (value == null) return;
        var problem = InterfaceName.matchProblem(value);
        if (problem.isPresent()) {
            r.add(p, problem.get());
        } else if (forbidden.contains(chain)) {
            r.add(p, "\"" + field + "\" cannot be matched in " + chain + " (packets there have no " + (field.equals("in")
                    ? "input" : "output") + " interface yet)");
        }
    }

    /** A port {@code 0..65535} or a range {@code low:high}; returns true when the value is valid. */
    private boolean ports(String value, String p) {
        String[] parts = value.split(":", -1);
        if (parts.length > 2 || !java.util.Arrays.stream(parts).allMatch(s -> PORT_NUMBER.matcher(s).matches())) {
            r.add(p, q(value) + " is not a port; expected a number 0..65535 or a range \"low:high\" such as \"8000:8080\"");
            return false;
        }
        int low = Integer.parseInt(parts[0]);
        int high = Integer.parseInt(parts[parts.length - 1]);
        if (low > 65535 || high > 65535) {
            r.add(p, q(value) + " is outside the port numbers 0..65535");
            return false;
        }
        if (low > high) {
            r.add(p, "range " + q(value) + " starts above its end; expected \"" + high + ":" + low + "\"");
            return false;
        }
        return true;
    }

    private void states(List<String> states, String p) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < states.size(); i++) {
            String s = states.get(i);
            if (!STATES.contains(s)) {
                r.add(JsonPointer.child(p, i), q(s) + " is not a connection state" + r.hint(s, STATES) + "; expected "
                        + String.join(", ", STATES));
            } else if (!seen.add(s)) {
                r.add(JsonPointer.child(p, i), q(s) + " is listed twice");
            }
        }
    }

    private void icmpType(Rule rule, String proto, Set<String> negated, String p) {
        if (!icmp().equals(proto) || negated.contains("proto")) {
            r.add(p, "an ICMP type needs \"proto\": \"" + icmp() + "\"" + (negated.contains("proto") ? " that is not negated" : "")
                    + (proto == null ? "; this rule has no \"proto\"" : "; this rule has " + q(proto)));
            return;
        }
        String t = rule.icmpType();
        Set<String> names = family == Family.IPV4 ? ICMP4_TYPES : ICMP6_TYPES;
        if (names.contains(t)) return;
        if (ICMP_NUMBER.matcher(t).matches()
                && java.util.Arrays.stream(t.split("/")).allMatch(n -> Integer.parseInt(n) <= 255)) {
            return;
        }
        r.add(p, q(t) + " is not an " + (family == Family.IPV4 ? "ICMP" : "ICMPv6") + " type" + r.hint(t, names)
                + "; expected a name such as \"echo-request\" or a number type[/code] 0..255");
    }

    private void not(Rule rule, String p) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rule.not().size(); i++) {
            String f = rule.not().get(i);
            String np = JsonPointer.child(p, i);
            if (!NEGATABLE.contains(f)) {
                r.add(np, q(f) + " cannot be negated" + r.hint(f, NEGATABLE) + "; expected one of " + String.join(", ", NEGATABLE));
            } else if (!seen.add(f)) {
                r.add(np, q(f) + " is listed twice");
            } else if (!isSet(rule, f)) {
                r.add(np, q(f) + " is negated but not set in this rule; \"not\" lists fields of the rule that are negated");
            } else if (f.equals("proto") && (rule.proto().equals("all") || rule.proto().equals("0"))) {
                // iptables refuses it ("rule would never match protocol"): every packet has some protocol.
                r.add(np, "\"proto\": " + q(rule.proto()) + " matches every packet, so negated it would match none; "
                        + "remove \"proto\" from \"not\" (or the rule)");
            } else if ((f.equals("source") || f.equals("destination")) && anyAddress(f.equals("source") ? rule.source() : rule.destination())) {
                // ip6tables-nft refuses it (Invalid argument): a /0 prefix holds every address.
                String v = f.equals("source") ? rule.source() : rule.destination();
                r.add(np, q(f) + ": " + q(v) + " matches every address, so negated it would match none; remove " + q(f)
                        + " from \"not\" (or the rule)");
            }
        }
    }

    /** A prefix of length 0 ({@code 0.0.0.0/0}, {@code ::/0}): every address. */
    private static boolean anyAddress(String prefix) {
        return prefix != null && prefix.endsWith("/0");
    }

    private static boolean isSet(Rule rule, String field) {
        return switch (field) {
            case "proto" -> rule.proto() != null;
            case "source" -> rule.source() != null;
            case "destination" -> rule.destination() != null;
            case "in" -> rule.in() != null;
            case "out" -> rule.out() != null;
            case "sport" -> rule.sport() != null;
            case "dport" -> rule.dport() != null;
            case "state" -> !rule.state().isEmpty();
            case "icmpType" -> rule.icmpType() != null;
            default -> false;
        };
    }

    private String target(String table, Rule rule, String rp, Set<String> userChains, Set<String> allChains) {
        String tp = JsonPointer.child(rp, "target");
        String target = rule.target();
        if (target == null) {
            r.add(tp, "missing \"target\"; expected " + String.join(", ", TARGETS) + " or a user chain of table " + table);
            return null;
        }
        if (TARGETS.contains(target)) return null;
        if (userChains.contains(target)) return target;
        if (BUILT_IN.get(table).contains(target)) {
            r.add(tp, "a rule cannot jump to the built-in chain " + target + "; expected a target or a user chain of table " + table);
            return null;
        }
        for (var other : firewall.tables().entrySet()) {
            if (!other.getKey().equals(table) && other.getValue().containsKey(target) && BUILT_IN.containsKey(other.getKey())
                    && !BUILT_IN.get(other.getKey()).contains(target)) {
                r.add(tp, q(target) + " is a user chain of table " + other.getKey() + "; a rule may only jump to user chains of its "
                        + "own table (" + table + ")");
                return null;
            }
        }
        List<String> candidates = new ArrayList<>(TARGETS);
        candidates.addAll(userChains);
        r.add(tp, q(target) + " is neither a target nor a user chain of table " + table + r.hint(target, candidates)
                + "; expected " + String.join(", ", TARGETS) + (userChains.isEmpty() ? "" : " or one of the user chains "
                + Report.listed(userChains)));
        return null;
    }

    private void options(Rule rule, String rp, boolean portProto) {
        String target = rule.target();
        Map<String, String> set = new LinkedHashMap<>();
        set.put("toSource", rule.toSource());
        set.put("toDestination", rule.toDestination());
        set.put("toPorts", rule.toPorts());
        set.put("rejectWith", rule.rejectWith());
        set.put("logPrefix", rule.logPrefix());
        set.put("setMark", rule.setMark());
        set.forEach((option, value) -> {
            if (value == null) return;
            String op = JsonPointer.child(rp, option);
            List<String> owners = OPTION_TARGETS.get(option);
            if (target == null || !owners.contains(target)) {
                r.add(op, "\"" + option + "\" belongs to target " + String.join(" or ", owners)
                        + (target == null ? "" : "; this rule's target is " + q(target)));
                return;
            }
            switch (option) {
                case "toSource", "toDestination" -> natAddress(value, op, portProto);
                case "toPorts" -> {
                    if (ports(value, op) && !portProto) r.add(op, "\"toPorts\" needs \"proto\" tcp or udp");
                }
                case "rejectWith" -> rejectWith(value, op, rule);
                case "logPrefix" -> safeText(value, op, MAX_LOG_PREFIX, "a log prefix");
                case "setMark" -> mark(value, op);
                default -> throw new IllegalStateException(option);
            }
        });
        if ("SNAT".equals(target) && rule.toSource() == null) {
            r.add(JsonPointer.child(rp, "toSource"), "missing \"toSource\"; SNAT needs the address to write, e.g. \"203.0.113.1\"");
        }
        if ("DNAT".equals(target) && rule.toDestination() == null) {
            r.add(JsonPointer.child(rp, "toDestination"), "missing \"toDestination\"; DNAT needs the address to send to, e.g. \"10.0.2.2:80\"");
        }
        if ("MARK".equals(target) && rule.setMark() == null) {
            r.add(JsonPointer.child(rp, "setMark"), "missing \"setMark\"; MARK needs the mark to set, e.g. \"0x1\" or \"0x1/0xff\"");
        }
    }

    /** {@code addr}, {@code addr-addr}, optionally {@code :port} or {@code :low-high}; IPv6 with a port in brackets. */
    private void natAddress(String value, String p, boolean portProto) {
        String addresses = value;
        String port = null;
        if (family == Family.IPV6) {
            if (value.startsWith("[")) {
                int close = value.indexOf(']');
                if (close < 0) {
                    r.add(p, q(value) + " has no closing ']'; expected e.g. \"[fd00::2]:80\"");
                    return;
                }
                addresses = value.substring(1, close);
                String rest = value.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        r.add(p, q(value) + " is not an address with a port; expected e.g. \"[fd00::2]:80\"");
                        return;
                    }
                    port = rest.substring(1);
                }
            }
        } else {
            int colon = value.indexOf(':');
            if (colon >= 0) {
                addresses = value.substring(0, colon);
                port = value.substring(colon + 1);
            }
        }
        String[] ends = addresses.split("-", -1);
        if (ends.length > 2) {
            r.add(p, q(value) + " is not an address or range; expected e.g. \"" + example() + "\"");
            return;
        }
        var parsed = new ArrayList<org.nslab.engine.net.IpAddress>();
        for (String end : ends) {
            var a = org.nslab.engine.net.IpAddress.tryParse(end);
            if (a.isEmpty()) {
                r.add(p, q(value) + " is not an address or range; expected e.g. \"" + example() + "\"");
                return;
            }
            if (a.get().family() != family) {
                r.add(p, q(end) + " is " + a.get().family() + "; this firewall is " + family);
                return;
            }
            parsed.add(a.get());
        }
        if (parsed.size() == 2 && parsed.get(0).compareTo(parsed.get(1)) > 0) {
            r.add(p, "address range " + q(addresses) + " starts above its end");
            return;
        }
        if (port != null) {
            String range = port.replace('-', ':');
            if (ports(range, p) && !portProto) r.add(p, "a port in " + q(value) + " needs \"proto\" tcp or udp");
        }
    }

    private String example() {
        return family == Family.IPV4 ? "10.0.2.2:80" : "[fd00::2]:80";
    }

    private void rejectWith(String value, String p, Rule rule) {
        List<String> allowed = family == Family.IPV4 ? REJECT4 : REJECT6;
        if (!allowed.contains(value)) {
            r.add(p, q(value) + " is not a REJECT reply" + r.hint(value, allowed) + "; expected " + String.join(", ", allowed));
        } else if (value.equals("tcp-reset") && !"tcp".equals(rule.proto())) {
            r.add(p, "\"tcp-reset\" needs \"proto\": \"tcp\"");
        }
    }

    private void mark(String value, String p) {
        if (!MARK.matcher(value).matches()
                || java.util.Arrays.stream(value.split("/")).anyMatch(n -> parseMark(n) > 0xffffffffL)) {
            r.add(p, q(value) + " is not a mark; expected a 32-bit value, optionally with a mask, e.g. \"0x1\" or \"0x1/0xff\"");
        }
    }

    private static long parseMark(String n) {
        return n.startsWith("0x") ? Long.parseLong(n.substring(2), 16) : Long.parseLong(n);
    }

    /** Text that ends up inside an iptables line: printable ASCII without quotes or backslashes, length-limited. */
    private void safeText(String value, String p, int max, String what) {
        if (value == null || !r.plainText(p, value)) return;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\'' || c == '\\') {
                r.add(p, what + " may not contain quotes or backslashes (found " + c + " at position " + (i + 1) + ")");
                return;
            }
            if (c > 0x7e) {
                r.add(p, what + " holds printable ASCII only (found " + q(String.valueOf(c)) + " at position " + (i + 1) + ")");
                return;
            }
        }
        if (value.length() > max) r.add(p, what + " is " + value.length() + " characters; at most " + max);
        if (value.isBlank()) r.add(p, what + " is empty; leave the key out instead");
    }

    /** Reports each jump loop once, at the jump that closes it, naming the whole cycle. */
    private void loops(Set<String> userChains, Map<String, List<Jump>> jumps) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : userChains) dfs(start, jumps, state, new ArrayList<>());
    }

    private void dfs(String chain, Map<String, List<Jump>> jumps, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(chain);
        if (s != null) return;
        state.put(chain, 1);
        path.add(chain);
        for (Jump j : jumps.getOrDefault(chain, List.of())) {
            Integer ts = state.get(j.to());
            if (ts != null && ts == 1) {
                List<String> cycle = new ArrayList<>(path.subList(path.indexOf(j.to()), path.size()));
                cycle.add(j.to());
                r.add(JsonPointer.child(j.pointer(), "target"), "jump loop: " + String.join(" → ", cycle) + "; a chain may not be re-entered "
                        + "through its own jumps");
            } else if (ts == null) {
                dfs(j.to(), jumps, state, path);
            }
        }
        path.remove(path.size() - 1);
        state.put(chain, 2);
    }

    /** For every chain, the built-in chains whose packets can reach it through jumps. */
    private static Map<String, Set<String>> reachingHooks(List<String> builtIns, Set<String> chains, Map<String, List<Jump>> jumps) {
        Map<String, Set<String>> reach = new HashMap<>();
        for (String hook : builtIns) {
            if (!chains.contains(hook)) continue;
            List<String> todo = new ArrayList<>(List.of(hook));
            Set<String> seen = new HashSet<>();
            while (!todo.isEmpty()) {
                String c = todo.remove(todo.size() - 1);
                if (!seen.add(c)) continue;
                reach.computeIfAbsent(c, k -> new TreeSet<>()).add(hook);
                for (Jump j : jumps.getOrDefault(c, List.of())) todo.add(j.to());
            }
        }
        return reach;
    }

    private void placement(String table, String chain, Rule rule, String rp, List<String> builtIns, Map<String, Set<String>> reach) {
        String target = rule.target();
        if (target == null) return;
        String tp = JsonPointer.child(rp, "target");
        if ("DROP".equals(target) && table.equals("nat")) {
            r.add(tp, "DROP is not allowed in table nat, which only translates addresses; filter in table filter instead");
            return;
        }
        Map<String, Set<String>> places = PLACES.get(target);
        if (places == null) return;
        Set<String> hooks = places.get(table);
        String where = places.entrySet().stream().map(e -> "table " + e.getKey() + " (" + e.getValue().stream()
                .sorted(java.util.Comparator.comparingInt(h -> BUILT_IN.get(e.getKey()).indexOf(h))).reduce((a, b) -> a + ", " + b)
                .orElse("") + ")").findFirst().orElse("");
        if (hooks == null) {
            r.add(tp, target + " is only allowed in " + where + "; this rule is in table " + table);
            return;
        }
        if (builtIns.contains(chain)) {
            if (!hooks.contains(chain)) r.add(tp, target + " is only allowed in " + where + "; this rule is in " + chain);
            return;
        }
        Set<String> bad = new TreeSet<>(reach.getOrDefault(chain, Set.of()));
        bad.removeAll(hooks);
        if (!bad.isEmpty()) {
            r.add(tp, target + " is only allowed in " + where + "; chain " + q(chain) + " is reached from " + Report.listed(bad));
        }
    }
}
