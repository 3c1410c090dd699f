package org.nslab.helper.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Rule;
import org.nslab.engine.net.Family;

/**
 * {@code iptables-save} output as structured rules, where the format can say them: the matches and targets of
 * [the format](docs/format.md) (protocol, addresses, interfaces, ports, conntrack state, ICMP type, comment, the
 * negations, and the targets with their options). A rule with anything else is not guessed at: it is returned in
 * {@link Parsed#unsupported()} as its table and line, and left out.
 */
final class SavedRules {
    /** The firewall (null when every table is empty with ACCEPT policies) and the rules it could not say. */
    record Parsed(Firewall firewall, List<String> unsupported) {}

    private static final Map<String, String> ICMP4 = Map.ofEntries(Map.entry("0", "echo-reply"), Map.entry("3", "destination-unreachable"),
            Map.entry("4", "source-quench"), Map.entry("5", "redirect"), Map.entry("8", "echo-request"), Map.entry("9", "router-advertisement"),
            Map.entry("10", "router-solicitation"), Map.entry("11", "time-exceeded"), Map.entry("12", "parameter-problem"),
            Map.entry("13", "timestamp-request"), Map.entry("14", "timestamp-reply"), Map.entry("17", "address-mask-request"),
            Map.entry("18", "address-mask-reply"), Map.entry("3/3", "port-unreachable"), Map.entry("3/1", "host-unreachable"),
            Map.entry("3/0", "network-unreachable"), Map.entry("3/4", "fragmentation-needed"));
    private static final Map<String, String> ICMP6 = Map.ofEntries(Map.entry("1", "destination-unreachable"), Map.entry("2", "packet-too-big"),
            Map.entry("3", "time-exceeded"), Map.entry("4", "parameter-problem"), Map.entry("128", "echo-request"),
            Map.entry("129", "echo-reply"), Map.entry("133", "router-solicitation"), Map.entry("134", "router-advertisement"),
            Map.entry("135", "neighbour-solicitation"), Map.entry("136", "neighbour-advertisement"), Map.entry("137", "redirect"));
    /** Match modules that only enable the options the format has. */
    private static final List<String> PLAIN_MODULES = List.of("tcp", "udp", "icmp", "icmp6", "ipv6-icmp", "conntrack", "state", "comment");

    private SavedRules() {}

    static Parsed parse(String save, Family family) {
        Map<String, Map<String, String>> policies = new LinkedHashMap<>();
        Map<String, Map<String, List<Rule>>> rules = new LinkedHashMap<>();
        List<String> unsupported = new ArrayList<>();
        String table = null;
        for (String raw : save.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("COMMIT")) continue;
            if (line.startsWith("*")) {
                table = line.substring(1);
                policies.put(table, new LinkedHashMap<>());
                rules.put(table, new LinkedHashMap<>());
            } else if (table != null && line.startsWith(":")) {
                String[] w = line.substring(1).split("\\s+");
                policies.get(table).put(w[0], w.length > 1 ? w[1] : "-");
                rules.get(table).put(w[0], new ArrayList<>());
            } else if (table != null && line.startsWith("-A ")) {
                List<String> words = words(line);
                String chain = words.get(1);
                Rule r = rule(words.subList(2, words.size()), family);
                if (r == null || !rules.get(table).containsKey(chain)) unsupported.add(table + ": " + line);
                else rules.get(table).get(chain).add(r);
            } else {
                unsupported.add((table == null ? "" : table + ": ") + line);
            }
        }
        Map<String, Map<String, Chain>> tables = new TreeMap<>();
        for (var t : policies.entrySet()) {
            Map<String, Chain> chains = new TreeMap<>();
            for (var c : t.getValue().entrySet()) {
                String policy = c.getValue().equals("-") ? null : c.getValue();
                List<Rule> rs = rules.get(t.getKey()).get(c.getKey());
                boolean builtIn = policy != null;
                // A built-in chain that accepts everything and holds no rule is what a fresh namespace has.
                if (builtIn && policy.equals("ACCEPT") && rs.isEmpty()) continue;
                chains.put(c.getKey(), new Chain(builtIn && !policy.equals("ACCEPT") ? policy : null, rs));
            }
            if (!chains.isEmpty()) tables.put(t.getKey(), chains);
        }
        return new Parsed(tables.isEmpty() ? null : Firewall.of(tables), unsupported);
    }

    /** The words of a line, a double-quoted word as one (iptables-save quotes comments and log prefixes). */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (!quoted && Character.isWhitespace(c)) {
                if (any || !w.isEmpty()) out.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
            }
        }
        if (any || !w.isEmpty()) out.add(w.toString());
        return out;
    }

    /** One rule's words after {@code -A CHAIN}; null when a word is outside what the format says. */
    private static Rule rule(List<String> w, Family family) {
        String proto = null, source = null, destination = null, in = null, out = null, sport = null, dport = null;
        String icmpType = null, target = null, toSource = null, toDestination = null, toPorts = null, rejectWith = null;
        String logPrefix = null, setMark = null, comment = null;
        List<String> state = List.of();
        List<String> not = new ArrayList<>();
        boolean negate = false;
        for (int i = 0; i < w.size(); i++) {
            String k = w.get(i);
            if (k.equals("!")) {
                negate = true;
                continue;
            }
            if (i + 1 >= w.size()) return null;
            String v = w.get(++i);
            String field;
            switch (k) {
                case "-p", "--protocol" -> {
                    proto = v.equals("ipv6-icmp") ? "icmpv6" : v;
                    field = "proto";
                }
                case "-s", "--source" -> {
                    source = host(v, family);
                    field = "source";
                }
                case "-d", "--destination" -> {
                    destination = host(v, family);
                    field = "destination";
                }
                case "-i", "--in-interface" -> {
                    in = v;
                    field = "in";
                }
                case "-o", "--out-interface" -> {
                    out = v;
                    field = "out";
                }
                case "--sport", "--source-port" -> {
                    sport = v;
                    field = "sport";
                }
                case "--dport", "--destination-port" -> {
                    dport = v;
                    field = "dport";
                }
                case "--icmp-type", "--icmpv6-type" -> {
                    icmpType = (family == Family.IPV4 ? ICMP4 : ICMP6).getOrDefault(v, v);
                    field = "icmpType";
                }
                case "--ctstate", "--state" -> {
                    state = List.of(v.split(","));
                    field = "state";
                }
                case "-m", "--match" -> {
                    if (!PLAIN_MODULES.contains(v) || negate) return null;
                    continue;
                }
                case "--comment" -> {
                    comment = v;
                    field = null;
                }
                case "-j", "--jump" -> {
                    target = v;
                    field = null;
                }
                case "--to-source" -> {
                    toSource = v;
                    field = null;
                }
                case "--to-destination" -> {
                    toDestination = v;
                    field = null;
                }
                case "--to-ports" -> {
                    toPorts = v.replace('-', ':');
                    field = null;
                }
                case "--reject-with" -> {
                    rejectWith = v;
                    field = null;
                }
                case "--log-prefix" -> {
                    logPrefix = v;
                    field = null;
                }
                case "--set-xmark" -> {
                    setMark = v.endsWith("/0xffffffff") ? v.substring(0, v.length() - "/0xffffffff".length()) : v;
                    field = null;
                }
                default -> {
                    return null;
                }
            }
            if (negate) {
                if (field == null) return null;
                not.add(field);
                negate = false;
            }
        }
        if (target == null || negate) return null;
        return new Rule(proto, source, destination, in, out, sport, dport, state, icmpType, not, target, toSource, toDestination,
                toPorts, rejectWith, logPrefix, setMark, comment);
    }

    /** iptables-save writes one host as {@code /32} ({@code /128}); the format writes it bare. */
    private static String host(String v, Family family) {
        String suffix = family == Family.IPV4 ? "/32" : "/128";
        return v.endsWith(suffix) ? v.substring(0, v.length() - suffix.length()) : v;
    }
}
