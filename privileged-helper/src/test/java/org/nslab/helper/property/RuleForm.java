package org.nslab.helper.property;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nslab.engine.model.Rule;

/**
 * One iptables rule in a form both sides can be brought to: what {@code iptables-save} prints (parsed here from its
 * text) and what the design says (read from its fields), with iptables' own spellings undone: protocol numbers,
 * ICMP type numbers, {@code /32} on single addresses, {@code --set-xmark}, default REJECT replies. Written apart
 * from nslab's renderer, from iptables' documented output, so the two can disagree.
 */
final class RuleForm {
    private RuleForm() {}

    private static final Map<String, String> PROTOCOLS = Map.of("tcp", "6", "udp", "17", "icmp", "1", "icmpv6", "58",
            "ipv6-icmp", "58", "gre", "47", "sctp", "132");
    private static final Map<String, String> ICMP4 = Map.of("echo-reply", "0", "echo-request", "8", "destination-unreachable", "3",
            "time-exceeded", "11", "port-unreachable", "3/3", "any", "any");
    private static final Map<String, String> ICMP6 = Map.of("echo-request", "128", "echo-reply", "129", "packet-too-big", "2",
            "neighbour-solicitation", "135", "destination-unreachable", "1");
    private static final Map<String, String> REJECT6_ALIASES = Map.of("no-route", "icmp6-no-route", "adm-prohibited", "icmp6-adm-prohibited",
            "addr-unreach", "icmp6-addr-unreachable", "port-unreach", "icmp6-port-unreachable");

    /** The chains of one table as saved: chain → policy ("-" for user chains) and chain → rule forms in order. */
    record Table(Map<String, String> policies, Map<String, List<String>> rules) {}

    /** Every table of an {@code iptables-save} output. */
    static Map<String, Table> parseSave(String save, boolean v6) {
        Map<String, Table> tables = new TreeMap<>();
        Table current = null;
        for (String line : save.split("\n")) {
            if (line.startsWith("*")) {
                current = new Table(new LinkedHashMap<>(), new LinkedHashMap<>());
                tables.put(line.substring(1).trim(), current);
            } else if (line.startsWith(":") && current != null) {
                String[] parts = line.substring(1).split(" ");
                current.policies().put(parts[0], parts[1]);
                current.rules().putIfAbsent(parts[0], new ArrayList<>());
            } else if (line.startsWith("-A ") && current != null) {
                List<String> tokens = tokens(line);
                current.rules().computeIfAbsent(tokens.get(1), k -> new ArrayList<>()).add(fromSave(tokens.subList(2, tokens.size()), v6));
            }
        }
        return tables;
    }

    static List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\' && i + 1 < line.length()) {
                b.append(line.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any || b.length() > 0) out.add(b.toString());
                b.setLength(0);
                any = false;
            } else {
                b.append(c);
            }
        }
        if (any || b.length() > 0) out.add(b.toString());
        return out;
    }

    private static String fromSave(List<String> tokens, boolean v6) {
        Map<String, String> f = new TreeMap<>();
        boolean not = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t.equals("!")) {
                not = true;
                continue;
            }
            String key = switch (t) {
                case "-p" -> "proto";
                case "-s" -> "source";
                case "-d" -> "destination";
                case "-i" -> "in";
                case "-o" -> "out";
                case "--sport" -> "sport";
                case "--dport" -> "dport";
                case "--icmp-type", "--icmpv6-type" -> "icmpType";
                case "--ctstate" -> "state";
                case "--comment" -> "comment";
                case "-j" -> "target";
                case "--to-source" -> "toSource";
                case "--to-destination" -> "toDestination";
                case "--to-ports" -> "toPorts";
                case "--reject-with" -> "rejectWith";
                case "--log-prefix" -> "logPrefix";
                case "--set-xmark" -> "setMark";
                case "-m" -> "-m";
                default -> "unknown " + t;
            };
            if (key.equals("-m")) {
                i++;
                continue;
            }
            if (key.startsWith("unknown")) {
                f.put(key, "");
                continue;
            }
            String value = i + 1 < tokens.size() ? tokens.get(++i) : "";
            put(f, key, value, not, v6);
            not = false;
        }
        if ("REJECT".equals(f.get("target"))) f.putIfAbsent("rejectWith", v6 ? "icmp6-port-unreachable" : "icmp-port-unreachable");
        return f.toString();
    }

    /** The form of a design rule; {@code chains} maps the design's chain names to those the kernel shows (host's lab chains). */
    static String fromDesign(Rule r, boolean v6, Map<String, String> chains) {
        Map<String, String> f = new TreeMap<>();
        TreeSet<String> not = new TreeSet<>(r.not());
        if (r.proto() != null && !r.proto().equals("all")) put(f, "proto", r.proto(), not.contains("proto"), v6);
        if (r.source() != null) put(f, "source", r.source(), not.contains("source"), v6);
        if (r.destination() != null) put(f, "destination", r.destination(), not.contains("destination"), v6);
        if (r.in() != null) put(f, "in", r.in(), not.contains("in"), v6);
        if (r.out() != null) put(f, "out", r.out(), not.contains("out"), v6);
        if (r.sport() != null) put(f, "sport", r.sport(), not.contains("sport"), v6);
        if (r.dport() != null) put(f, "dport", r.dport(), not.contains("dport"), v6);
        if (r.icmpType() != null) put(f, "icmpType", r.icmpType(), not.contains("icmpType"), v6);
        if (!r.state().isEmpty()) put(f, "state", String.join(",", r.state()), not.contains("state"), v6);
        if (r.comment() != null) put(f, "comment", r.comment(), false, v6);
        put(f, "target", chains.getOrDefault(r.target(), r.target()), false, v6);
        if (r.toSource() != null) put(f, "toSource", r.toSource(), false, v6);
        if (r.toDestination() != null) put(f, "toDestination", r.toDestination(), false, v6);
        if (r.toPorts() != null) put(f, "toPorts", r.toPorts(), false, v6);
        if (r.rejectWith() != null) put(f, "rejectWith", r.rejectWith(), false, v6);
        if (r.logPrefix() != null) put(f, "logPrefix", r.logPrefix(), false, v6);
        if (r.setMark() != null) put(f, "setMark", r.setMark(), false, v6);
        if ("REJECT".equals(r.target())) f.putIfAbsent("rejectWith", v6 ? "icmp6-port-unreachable" : "icmp-port-unreachable");
        return f.toString();
    }

    private static void put(Map<String, String> f, String key, String value, boolean not, boolean v6) {
        String v = switch (key) {
            case "proto" -> PROTOCOLS.getOrDefault(value, value);
            case "source", "destination" -> address(value);
            case "icmpType" -> (v6 ? ICMP6 : ICMP4).getOrDefault(value, value);
            case "state" -> String.join(",", new TreeSet<>(List.of(value.split(","))));
            case "toPorts" -> value.replace(':', '-');
            case "rejectWith" -> v6 ? REJECT6_ALIASES.getOrDefault(value, value) : value;
            case "setMark" -> mark(value);
            default -> value;
        };
        f.put(key, (not ? "! " : "") + v);
    }

    private static String address(String value) {
        String[] parts = value.split("/");
        try {
            InetAddress a = InetAddress.getByName(parts[0]);
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : a.getAddress().length * 8;
            return a.getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return "unparsable " + value;
        }
    }

    private static String mark(String value) {
        String[] parts = value.split("/");
        long v = number(parts[0]);
        long mask = parts.length > 1 ? number(parts[1]) : 0xffffffffL;
        return "0x" + Long.toHexString(v) + "/0x" + Long.toHexString(mask);
    }

    private static long number(String s) {
        return s.startsWith("0x") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
    }
}
