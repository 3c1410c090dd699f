package org.nslab.helper.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.lab.LiveTrace.Event;

/**
 * Reads {@code nft monitor trace} output into decisions, numbering each rule by its place in its chain as
 * {@code nft list ruleset} lists it (counters left out of both, since they change). Only the walked packet and
 * its answer count: an echo request and reply, or a SYN and SYN-ACK; other packets of the exchange are ignored, and
 * with the probe's echo identifier or source port known, so is the lab's own traffic of the same kind.
 */
final class TraceParser {
    private TraceParser() {}

    /** A trace line: its id, the table's family (ip, ip6, or inet for the trace table), table, chain, and the rest. */
    private static final Pattern LINE = Pattern.compile("^trace id (\\S+) (ip|ip6|inet) (\\S+) (\\S+) (.*)$");
    private static final Pattern COUNTER = Pattern.compile("counter packets \\d+ bytes \\d+ ?");
    private static final Pattern VERDICT = Pattern.compile("^rule (.*) \\(verdict (.*)\\)\\s*$");
    private static final Pattern FLAGS = Pattern.compile("tcp flags == (.*?) tcp ");
    private static final Pattern ECHO_ID = Pattern.compile("icmp id (\\d+) ");
    /** nft (1.0.6) reads an ICMPv6 echo's identifier and sequence as one 32-bit "parameter-problem" pointer. */
    private static final Pattern ECHO6_ID_AND_SEQUENCE = Pattern.compile("icmpv6 parameter-problem (\\d+) ");
    private static final Pattern PORTS = Pattern.compile("tcp sport (\\d+) tcp dport (\\d+) ");

    /**
     * table → chain → normalised rule texts in order; an IPv6 table's key is {@code ip6 NAME} (iptables-nft and
     * ip6tables-nft both name theirs filter, nat...).
     */
    static Map<String, Map<String, List<String>>> rules(String ruleset) {
        Map<String, Map<String, List<String>>> m = new HashMap<>();
        String table = null;
        List<String> chain = null;
        for (String raw : ruleset.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("table ip ") || line.startsWith("table ip6 ")) {
                int at = line.startsWith("table ip6 ") ? 10 : 9;
                table = (at == 10 ? "ip6 " : "") + line.substring(at, line.indexOf(' ', at) < 0 ? line.length() : line.indexOf(' ', at));
                m.put(table, new LinkedHashMap<>());
            } else if (line.startsWith("table ")) {
                table = null;
                chain = null;
            } else if (line.startsWith("chain ") && table != null) {
                String name = line.substring(6, line.indexOf(' ', 6) < 0 ? line.length() : line.indexOf(' ', 6));
                chain = new ArrayList<>();
                m.get(table).put(name, chain);
            } else if (line.equals("}") || line.startsWith("type ") || line.isEmpty()) {
                continue;
            } else if (chain != null) {
                chain.add(normal(line));
            }
        }
        return m;
    }

    static String normal(String rule) {
        return COUNTER.matcher(rule).replaceAll("").replaceAll("\\s+", " ").strip();
    }

    static void parse(String trace, Map<String, Map<String, List<String>>> rules, Protocol proto,
            Map<String, List<Event>> request, Map<String, List<Event>> reply, String namespace) {
        parse(trace, rules, proto, null, request, reply, namespace);
    }

    /**
     * {@code probeId}: the probe's echo identifier (icmp) or source port (tcp), so that only its packets count; null
     * when unknown (a machine that watches while another sends), when every packet of the kind counts.
     */
    static void parse(String trace, Map<String, Map<String, List<String>>> rules, Protocol proto, Integer probeId,
            Map<String, List<Event>> request, Map<String, List<Event>> reply, String namespace) {
        Map<String, Integer> kindOf = new HashMap<>(); // trace id → 1 request, 2 reply, 0 other
        for (String line : trace.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) continue;
            String id = m.group(1);
            String family = m.group(2);
            String table = m.group(3);
            String chain = m.group(4);
            String rest = m.group(5);
            if (table.equals(KernelTrace.TABLE)) {
                if (rest.startsWith("packet: ")) kindOf.put(id, kind(rest, proto, probeId));
                continue;
            }
            if (rest.startsWith("packet: ")) {
                kindOf.put(id, kind(rest, proto, probeId));
                continue;
            }
            int kind = kindOf.getOrDefault(id, 0);
            if (kind == 0) continue;
            Event e;
            if (rest.startsWith("policy ")) {
                // The policy line goes on with the packet's mark when it has one: the verdict is its first word.
                e = new Event(table, chain, null, rest.substring(7).strip().split(" ")[0]);
            } else {
                Matcher v = VERDICT.matcher(rest);
                if (!v.matches()) continue;
                String key = family.equals("ip6") ? "ip6 " + table : table;
                List<String> chainRules = rules.getOrDefault(key, Map.of()).getOrDefault(chain, List.of());
                int at = chainRules.indexOf(normal(v.group(1)));
                e = new Event(table, chain, at < 0 ? -1 : at + 1, v.group(2).strip());
            }
            (kind == 1 ? request : reply).computeIfAbsent(namespace, k -> new ArrayList<>()).add(e);
        }
    }

    /** 1 for the walked request, 2 for its answer, 0 for any other packet. */
    static int kind(String packetLine, Protocol proto, Integer probeId) {
        if (TraceSession.isMarker(packetLine)) return 0;
        String line = packetLine + " ";
        if (proto == Protocol.ICMP) {
            int kind = line.contains("icmp type echo-request") || line.contains("icmpv6 type echo-request") ? 1
                    : line.contains("icmp type echo-reply") || line.contains("icmpv6 type echo-reply") ? 2 : 0;
            return kind == 0 || probeId == null || probeId.equals(echoId(line)) ? kind : 0;
        }
        Matcher f = FLAGS.matcher(line);
        if (!f.find()) return 0;
        String flags = f.group(1).replace(" ", "");
        // nft writes SYN-ACK as its bits.
        int kind = flags.equals("syn") ? 1 : flags.equals("syn|ack") || flags.equals("0x12") ? 2 : 0;
        if (kind == 0 || probeId == null) return kind;
        // The request leaves from the probe's port and the answer comes back to it; a DNAT on the way changes only the other.
        Matcher ports = PORTS.matcher(line);
        return ports.find() && Integer.parseInt(ports.group(kind)) == probeId ? kind : 0;
    }

    private static Integer echoId(String line) {
        Matcher v4 = ECHO_ID.matcher(line);
        if (v4.find()) return Integer.valueOf(v4.group(1));
        Matcher v6 = ECHO6_ID_AND_SEQUENCE.matcher(line);
        return v6.find() ? (int) (Long.parseLong(v6.group(1)) >>> 16) : null;
    }
}
