package org.nslab.engine.generate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Rule;
import org.nslab.engine.net.Family;
import org.nslab.engine.netfilter.Hook;
import org.nslab.engine.netfilter.Netfilter;
import org.nslab.engine.netfilter.Table;

/**
 * A random firewall of one family: tables, built-in chains with policies (not in {@code host}), a user chain, and
 * rules over every match (protocol by name and number, addresses, interfaces with wildcards, ports and ranges,
 * conntrack states, ICMP types, comments, negations) and every target in the places the kernel allows it.
 */
final class RandomRules {
    private static final List<List<String>> STATES = List.of(List.of("NEW"), List.of("ESTABLISHED", "RELATED"), List.of("INVALID"),
            List.of("NEW", "ESTABLISHED"), List.of("UNTRACKED"));
    private static final String[] PORTS = {"22", "80", "8080", "1:1023", "8000:9000", "0"};
    private static final String[] ICMP4 = {"echo-request", "echo-reply", "destination-unreachable", "time-exceeded", "8", "3/1", "any"};
    private static final String[] ICMP6 = {"echo-request", "echo-reply", "packet-too-big", "neighbour-solicitation", "128", "1/3"};
    static final String USER_CHAIN = "lab-chain";

    private final Random rnd;
    private final Family family;
    private final Naming naming;
    private final List<String> ifaces;
    private final boolean host;

    RandomRules(Random rnd, Family family, Naming naming, Set<String> ifaces, boolean host) {
        this.rnd = rnd;
        this.family = family;
        this.naming = naming;
        this.ifaces = new ArrayList<>(new java.util.TreeSet<>(ifaces));
        this.host = host;
    }

    Firewall firewall() {
        Map<String, Map<String, Chain>> tables = new LinkedHashMap<>();
        for (Table table : Netfilter.TABLES) {
            if (rnd.nextInt(table == Table.FILTER ? 4 : 3) != 0) continue;
            Map<String, Chain> chains = new LinkedHashMap<>();
            boolean user = rnd.nextInt(3) == 0;
            for (String chain : table.builtInChains()) {
                if (rnd.nextBoolean()) continue;
                String policy = !host && table.takesPolicy() && rnd.nextInt(3) == 0 ? (rnd.nextInt(3) == 0 ? "DROP" : "ACCEPT") : null;
                chains.put(chain, new Chain(policy, rules(table, chain, rnd.nextInt(4), user)));
            }
            if (user) chains.put(USER_CHAIN, new Chain(null, rules(table, USER_CHAIN, 1 + rnd.nextInt(2), false)));
            if (!chains.isEmpty()) tables.put(table.iptablesName(), chains);
        }
        return tables.isEmpty() ? null : Firewall.of(tables);
    }

    List<Rule> rules(Table table, String chain, int n, boolean mayJump) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(rule(table, chain, mayJump));
        return out;
    }

    Rule rule(Table table, String chain, boolean mayJump) {
        String target = target(table, chain, mayJump);
        boolean needsPorts = target.equals("REDIRECT") || (target.equals("MASQUERADE") || target.equals("SNAT") || target.equals("DNAT"))
                && rnd.nextInt(3) == 0;
        String icmp = Netfilter.icmp(family);
        String proto = needsPorts ? (rnd.nextBoolean() ? "tcp" : "udp") : switch (rnd.nextInt(8)) {
            case 0, 1 -> "tcp";
            case 2 -> "udp";
            case 3 -> icmp;
            case 4 -> "all";
            case 5 -> rnd.nextBoolean() ? "47" : "132";
            default -> null;
        };
        boolean portProto = "tcp".equals(proto) || "udp".equals(proto);
        String source = rnd.nextInt(4) == 0 ? address() : null;
        String destination = rnd.nextInt(4) == 0 ? address() : null;
        boolean userChain = !table.builtInChains().contains(chain);
        String in = (userChain || !chain.equals("OUTPUT") && !chain.equals("POSTROUTING")) && rnd.nextInt(4) == 0 ? iface() : null;
        String out = (userChain || !chain.equals("PREROUTING") && !chain.equals("INPUT")) && rnd.nextInt(4) == 0 ? iface() : null;
        String sport = portProto && rnd.nextInt(4) == 0 ? PORTS[rnd.nextInt(PORTS.length)] : null;
        String dport = portProto && rnd.nextInt(2) == 0 ? PORTS[rnd.nextInt(PORTS.length)] : null;
        String icmpType = icmp.equals(proto) && rnd.nextBoolean() ? (family == Family.IPV4 ? ICMP4 : ICMP6)[rnd.nextInt(family == Family.IPV4
                ? ICMP4.length : ICMP6.length)] : null;
        List<String> state = rnd.nextInt(4) == 0 ? STATES.get(rnd.nextInt(STATES.size())) : null;
        String comment = rnd.nextInt(5) == 0 ? new String[] {"web", "allow ssh from lab", "x:1 (test)", "a-b_c.d"}[rnd.nextInt(4)] : null;
        List<String> not = new ArrayList<>();
        if (rnd.nextInt(4) == 0) {
            for (String f : List.of("source", "destination", "in", "out", "sport", "dport", "state", "icmpType")) {
                boolean set = switch (f) {
                    case "source" -> source != null;
                    case "destination" -> destination != null;
                    case "in" -> in != null;
                    case "out" -> out != null;
                    case "sport" -> sport != null;
                    case "dport" -> dport != null;
                    case "state" -> state != null;
                    default -> icmpType != null;
                };
                if (set && rnd.nextInt(3) == 0) not.add(f);
            }
            boolean protoOnly = sport == null && dport == null && icmpType == null && !needsPorts;
            if (proto != null && !proto.equals("all") && protoOnly && rnd.nextInt(3) == 0) not.add("proto");
        }
        String toSource = null;
        String toDestination = null;
        String toPorts = null;
        String rejectWith = null;
        String logPrefix = null;
        String setMark = null;
        switch (target) {
            case "SNAT" -> toSource = natTo(portProto && needsPorts);
            case "DNAT" -> toDestination = natTo(portProto && needsPorts);
            case "MASQUERADE", "REDIRECT" -> toPorts = portProto && !not.contains("proto") && (needsPorts || rnd.nextBoolean()) ? (rnd.nextBoolean() ? "8081" : "8081:8090") : null;
            case "REJECT" -> {
                if (rnd.nextBoolean()) {
                    List<String> with = new ArrayList<>(Netfilter.rejectWith(family));
                    if (!"tcp".equals(proto) || not.contains("proto")) with.remove("tcp-reset");
                    rejectWith = with.get(rnd.nextInt(with.size()));
                }
            }
            case "LOG" -> logPrefix = rnd.nextBoolean() ? new String[] {"lab ", "drop:", "x"}[rnd.nextInt(3)] : null;
            case "MARK" -> setMark = new String[] {"0x5", "7", "0x1/0xff"}[rnd.nextInt(3)];
            default -> { }
        }
        return new Rule(proto, source, destination, in, out, sport, dport, state, icmpType, not.isEmpty() ? null : not, target,
                toSource, toDestination, toPorts, rejectWith, logPrefix, setMark, comment);
    }

    private String target(Table table, String chain, boolean mayJump) {
        List<String> targets = new ArrayList<>();
        boolean userChain = !table.builtInChains().contains(chain);
        for (String t : Netfilter.TARGETS) {
            if (userChain) {
                // A user chain takes only what every chain that may jump to it allows.
                if (Netfilter.isUnrestricted(t) || t.equals("DROP") && table != Table.NAT) targets.add(t);
            } else if (Netfilter.hooksFor(t, table).contains(Hook.valueOf(chain))) {
                targets.add(t);
            }
        }
        if (mayJump) targets.add(USER_CHAIN);
        return targets.get(rnd.nextInt(targets.size()));
    }

    private String iface() {
        if (ifaces.isEmpty() || rnd.nextInt(4) == 0) return new String[] {"eth+", "x+", "veth.1"}[rnd.nextInt(3)];
        return ifaces.get(rnd.nextInt(ifaces.size()));
    }

    private String address() {
        int subnet = rnd.nextInt(20);
        return switch (rnd.nextInt(3)) {
            case 0 -> family == Family.IPV4 ? naming.v4Subnet(subnet) : naming.v6Subnet(subnet);
            case 1 -> family == Family.IPV4 ? naming.v4(subnet, 1 + rnd.nextInt(250)) : naming.v6(subnet, 1 + rnd.nextInt(250));
            default -> family == Family.IPV4 ? "10." + naming.octet() + ".0.0/16" : "fd00:" + naming.octet() + "::/32";
        };
    }

    private String natTo(boolean port) {
        int subnet = rnd.nextInt(20);
        String a = family == Family.IPV4 ? naming.v4(subnet, 1 + rnd.nextInt(100)) : naming.v6(subnet, 1 + rnd.nextInt(100));
        if (rnd.nextInt(4) == 0) {
            a = a + "-" + (family == Family.IPV4 ? naming.v4(subnet, 150 + rnd.nextInt(100)) : naming.v6(subnet, 150 + rnd.nextInt(100)));
        }
        if (!port) return a;
        String p = rnd.nextBoolean() ? "80" : "1000-2000";
        return family == Family.IPV4 ? a + ":" + p : "[" + a + "]:" + p;
    }
}
