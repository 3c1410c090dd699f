package org.nslab.helper.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.validate.Validator;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.walk.TraceRequest;

/**
 * Designs and packets for the differential test, from a seed: a chain of 1–4 routers between hosts {@code l} and
 * {@code rt} (link j is 10.1.j.0/24, .1 on its left end, .2 on its right), sometimes with a bridge on the first
 * link (and a second host {@code l2} there), random iptables rules over every modelled match and target in
 * raw, mangle, nat and filter, DNAT on the first router, SNAT or MASQUERADE on the last, policies, a user chain.
 */
final class RandomDesigns {
    private RandomDesigns() {}

    record Case(Topology design, List<TraceRequest> packets) {}

    static Case make(long seed, int packets, int firstSourcePort) {
        Random rnd = new Random(seed);
        for (int attempt = 0; ; attempt++) {
            Topology t = design(rnd, "d" + Long.toString(Math.abs(seed) % 100000, 36) + attempt);
            if (Validator.validate(t).isEmpty()) return new Case(t, packets(rnd, t, packets, firstSourcePort));
            if (attempt > 50) throw new IllegalStateException("seed " + seed + ": no valid design: " + Validator.validate(t).get(0).format());
        }
    }

    static int routers(Topology t) {
        return (int) t.namespaces().keySet().stream().filter(k -> k.matches("r[0-9]")).count();
    }

    private static Topology design(Random rnd, String lab) {
        int k = 1 + rnd.nextInt(4);
        boolean bridge = rnd.nextInt(3) == 0;
        Map<String, Namespace> ns = new LinkedHashMap<>();
        List<Veth> veths = new ArrayList<>();
        Map<String, Bridge> bridges = new TreeMap<>();
        ns.put("l", Namespace.empty().withRoutes(List.of(new Route("default", "10.1.0.2", null, null))));
        ns.put("rt", Namespace.empty().withRoutes(List.of(new Route("default", "10.1." + k + ".1", null, null))));
        for (int i = 1; i <= k; i++) {
            List<Route> routes = new ArrayList<>();
            for (int j = 0; j < i - 1; j++) routes.add(new Route("10.1." + j + ".0/24", "10.1." + (i - 1) + ".1", null, null));
            if (i < k) routes.add(new Route("default", "10.1." + i + ".2", null, null));
            String forward = rnd.nextInt(12) == 0 ? "0" : "1";
            Map<String, String> sysctls = new TreeMap<>(Map.of("net.ipv4.ip_forward", forward));
            if (rnd.nextInt(6) == 0) sysctls.put("net.ipv4.conf.all.rp_filter", rnd.nextBoolean() ? "1" : "2");
            ns.put("r" + i, Namespace.empty().withSysctls(sysctls).withRoutes(routes).withFirewall(firewall(rnd, i, k)));
        }
        for (int j = 0; j <= k; j++) {
            String left = j == 0 ? "l" : "r" + j;
            String right = j == k ? "rt" : "r" + (j + 1);
            VethEnd a = new VethEnd(left, null, "eth1", List.of("10.1." + j + ".1/24"), null, null, null);
            VethEnd b = new VethEnd(right, null, "eth0", List.of("10.1." + j + ".2/24"), null, null, null);
            if (j == 0 && bridge) {
                ns.put("sw", Namespace.empty());
                ns.put("l2", Namespace.empty().withRoutes(List.of(new Route("default", "10.1.0.2", null, null))));
                bridges.put("br0", new Bridge("sw", null, List.of(), null, false));
                veths.add(new Veth(a, new VethEnd(null, "br0", "p0", null, null, null, null)));
                veths.add(new Veth(b, new VethEnd(null, "br0", "p1", null, null, null, null)));
                veths.add(new Veth(new VethEnd("l2", null, "eth1", List.of("10.1.0.3/24"), null, null, null),
                        new VethEnd(null, "br0", "p2", null, null, null, null)));
            } else {
                veths.add(new Veth(a, b));
            }
        }
        return Topology.empty(lab).withNamespaces(ns).withBridges(bridges).withVeths(veths);
    }

    private static Firewall firewall(Random rnd, int i, int k) {
        Map<String, Map<String, Chain>> tables = new LinkedHashMap<>();
        boolean userChain = rnd.nextBoolean();
        if (rnd.nextInt(3) > 0) {
            Map<String, Chain> filter = new LinkedHashMap<>();
            for (String c : List.of("INPUT", "FORWARD", "OUTPUT")) {
                if (rnd.nextInt(4) == 0) continue;
                filter.put(c, new Chain(rnd.nextInt(3) == 0 ? "DROP" : "ACCEPT", rules(rnd, "filter", c, 1 + rnd.nextInt(4), userChain, k)));
            }
            if (userChain) filter.put("uc", new Chain(null, rules(rnd, "filter", "uc", 1 + rnd.nextInt(3), false, k)));
            tables.put("filter", filter);
        }
        if (rnd.nextInt(4) == 0) tables.put("mangle", Map.of("FORWARD", new Chain(null, rules(rnd, "mangle", "FORWARD", 1 + rnd.nextInt(2), false, k))));
        if (rnd.nextInt(5) == 0) tables.put("raw", Map.of("PREROUTING", new Chain(null, rules(rnd, "raw", "PREROUTING", 1 + rnd.nextInt(2), false, k))));
        Map<String, Chain> nat = new LinkedHashMap<>();
        if (i == 1 && rnd.nextInt(3) == 0) {
            nat.put("PREROUTING", new Chain(null, List.of(rule("tcp", null, "10.1.0.2", null, null, null, "8080", null, null, null,
                    "DNAT", null, "10.1." + k + ".2:80", null, null, null, null))));
        }
        if (i == 1 && rnd.nextInt(5) == 0) {
            nat.put("OUTPUT", new Chain(null, List.of(rule("tcp", null, "10.1.0.1", null, null, null, "2222", null, null, null,
                    "DNAT", null, "10.1." + k + ".2:22", null, null, null, null))));
        }
        if (i == k && rnd.nextInt(3) == 0) {
            Rule r = rnd.nextBoolean()
                    ? rule(null, null, null, null, "eth1", null, null, null, null, null, "MASQUERADE", null, null, null, null, null, null)
                    : rule(null, "10.1.0.0/16", null, null, "eth1", null, null, null, null, null, "SNAT", "10.1." + k + ".1", null, null, null, null, null);
            nat.put("POSTROUTING", new Chain(null, List.of(r)));
        }
        if (i == 1 && rnd.nextInt(6) == 0) {
            nat.put("PREROUTING", new Chain(null, List.of(rule("tcp", null, null, null, null, null, "80", null, null, null,
                    "REDIRECT", null, null, "8081", null, null, null))));
        }
        if (!nat.isEmpty()) tables.put("nat", nat);
        return tables.isEmpty() ? null : Firewall.of(tables);
    }

    private static final String[] ADDRESSES = {"10.1.0.0/24", "10.1.0.1", "10.1.0.3", "10.1.0.0/16", "10.1.1.0/24", "10.1.0.2"};
    private static final String[] PORTS = {"22", "80", "8080", "1:1023", "8000:9000", "40000:65535"};
    private static final List<List<String>> STATES = List.of(List.of("NEW"), List.of("ESTABLISHED"), List.of("ESTABLISHED", "RELATED"),
            List.of("INVALID"), List.of("NEW", "ESTABLISHED"));
    private static final String[] ICMP = {"echo-request", "echo-reply", "any", "8", "0"};

    private static List<Rule> rules(Random rnd, String table, String chain, int n, boolean canJump, int k) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(randomRule(rnd, table, chain, canJump, k));
        return out;
    }

    private static Rule randomRule(Random rnd, String table, String chain, boolean canJump, int k) {
        String proto = switch (rnd.nextInt(5)) {
            case 0 -> "tcp";
            case 1 -> "icmp";
            case 2 -> "udp";
            case 3 -> "all";
            default -> null;
        };
        List<String> not = new ArrayList<>();
        String source = rnd.nextInt(4) == 0 ? pick(rnd, ADDRESSES) : null;
        String destination = rnd.nextInt(4) == 0 ? (rnd.nextBoolean() ? "10.1." + k + ".2" : pick(rnd, ADDRESSES)) : null;
        boolean inAllowed = !chain.equals("OUTPUT") && !chain.equals("POSTROUTING");
        boolean outAllowed = !chain.equals("PREROUTING") && !chain.equals("INPUT") && !chain.equals("uc");
        String in = inAllowed && !chain.equals("uc") && rnd.nextInt(4) == 0 ? pick(rnd, new String[] {"eth0", "eth1", "eth+"}) : null;
        String outIf = outAllowed && rnd.nextInt(5) == 0 ? pick(rnd, new String[] {"eth0", "eth1"}) : null;
        String sport = null;
        String dport = null;
        String icmpType = null;
        if ("tcp".equals(proto) || "udp".equals(proto)) {
            if (rnd.nextInt(2) == 0) dport = pick(rnd, PORTS);
            if (rnd.nextInt(5) == 0) sport = pick(rnd, PORTS);
        }
        if ("icmp".equals(proto) && rnd.nextInt(2) == 0) icmpType = pick(rnd, ICMP);
        List<String> state = rnd.nextInt(4) == 0 ? STATES.get(rnd.nextInt(STATES.size())) : null;
        for (String f : List.of("source", "destination", "in", "out", "sport", "dport", "state", "icmpType")) {
            boolean set = switch (f) {
                case "source" -> source != null;
                case "destination" -> destination != null;
                case "in" -> in != null;
                case "out" -> outIf != null;
                case "sport" -> sport != null;
                case "dport" -> dport != null;
                case "state" -> state != null;
                default -> icmpType != null;
            };
            if (set && rnd.nextInt(6) == 0) not.add(f);
        }
        // Two negated single ports: the walker rightly refuses to guess (iptables-nft merges them), so none here.
        if (not.contains("sport") && not.contains("dport") && !sport.contains(":") && !dport.contains(":")) not.remove("sport");
        if (proto != null && !proto.equals("all") && sport == null && dport == null && icmpType == null && rnd.nextInt(8) == 0) not.add("proto");
        String target;
        String rejectWith = null;
        String logPrefix = null;
        String setMark = null;
        List<String> targets = new ArrayList<>(switch (table) {
            case "filter" -> List.of("ACCEPT", "DROP", "REJECT", "LOG", "RETURN");
            case "mangle" -> List.of("MARK", "ACCEPT", "LOG", "RETURN");
            default -> List.of("LOG", "ACCEPT", "DROP");
        });
        if (canJump) targets.add("uc");
        target = targets.get(rnd.nextInt(targets.size()));
        if (target.equals("REJECT") && "tcp".equals(proto) && !not.contains("proto") && rnd.nextBoolean()) rejectWith = "tcp-reset";
        if (target.equals("LOG")) logPrefix = "walk ";
        if (target.equals("MARK")) setMark = "0x" + Integer.toHexString(1 + rnd.nextInt(15));
        return new Rule(proto, source, destination, in, outIf, sport, dport, state, icmpType, not.isEmpty() ? null : not, target,
                null, null, null, rejectWith, logPrefix, setMark, null);
    }

    private static Rule rule(String proto, String source, String destination, String in, String out, String sport, String dport,
            List<String> state, String icmpType, List<String> not, String target, String toSource, String toDestination,
            String toPorts, String rejectWith, String logPrefix, String setMark) {
        return new Rule(proto, source, destination, in, out, sport, dport, state, icmpType, not, target, toSource, toDestination,
                toPorts, rejectWith, logPrefix, setMark, null);
    }

    private static String pick(Random rnd, String[] values) {
        return values[rnd.nextInt(values.length)];
    }

    private static List<TraceRequest> packets(Random rnd, Topology t, int n, int firstSourcePort) {
        int k = routers(t);
        List<String> from = new ArrayList<>(List.of("l", "rt", "r1"));
        if (t.namespaces().containsKey("l2")) from.add("l2");
        String[] to = {"10.1." + k + ".2", "10.1.0.1", "10.1.0.2", "10.1." + k + ".1", "10.1.1.2", "10.1.0.3"};
        List<TraceRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Protocol p = rnd.nextBoolean() ? Protocol.ICMP : Protocol.TCP;
            int port = p == Protocol.TCP ? new int[] {22, 80, 8080, 2222}[rnd.nextInt(4)] : 0;
            int sp = p == Protocol.TCP ? firstSourcePort + i : TraceRequest.DEFAULT_SOURCE_PORT;
            out.add(new TraceRequest(from.get(rnd.nextInt(from.size())), IpAddress.parse(to[rnd.nextInt(to.length)]), p, port, null, sp));
        }
        return out;
    }
}
