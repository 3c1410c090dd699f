package org.nslab.engine.interop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.net.Cidr;

/**
 * Mininet's built-in {@code --topo} shapes as designs, built the way Mininet's {@code topo.py} and
 * {@code topolib.py} build them: the same node names and link order, ports numbered per node in link order
 * (hosts from 0, switches from 1, so {@code h1-eth0} and {@code s1-eth1}), and hosts addressed 10.0.0.N/8 in
 * Mininet's natural order of their names. Switches become learning Linux bridges in {@code host}.
 */
public final class MininetTopos {
    /** The spec text: a shape and up to two numbers. */
    public static final Pattern SPEC = Pattern.compile("(single|linear|tree|minimal|reversed)((?:,[0-9]{1,4}){0,2})");
    private static final int MAX_NODES = 4096;
    private static final Pattern NATURAL = Pattern.compile("\\d+|\\D+");

    private MininetTopos() {}

    /** Whether {@code text} names one of the shapes (so it is no file name). */
    public static boolean isSpec(String text) {
        return SPEC.matcher(text).matches();
    }

    private record Link(String node1, String node2, int port1, int port2) {}

    /** The graph as Mininet's {@code Topo} keeps it. */
    private static final class Graph {
        final Map<String, Boolean> nodes = new LinkedHashMap<>();
        final List<Link> links = new ArrayList<>();
        final Map<String, Integer> ports = new HashMap<>();

        String host(String name) {
            nodes.put(name, false);
            return name;
        }

        String sw(String name) {
            nodes.put(name, true);
            return name;
        }

        void link(String a, String b) {
            link(a, b, nextPort(a), nextPort(b));
        }

        void link(String a, String b, int pa, int pb) {
            ports.merge(a, 1, Integer::sum);
            ports.merge(b, 1, Integer::sum);
            links.add(new Link(a, b, pa, pb));
        }

        int nextPort(String n) {
            return ports.getOrDefault(n, 0) + (nodes.get(n) ? 1 : 0);
        }
    }

    static ImportResult read(String spec) throws ImportException {
        Source source = Source.of(spec, spec);
        Matcher m = SPEC.matcher(spec);
        if (!m.matches()) {
            throw new ImportException(source.problem(1, 1, "", "\"" + spec
                    + "\" is not a Mininet topology; expected single,N  linear,K[,N]  tree,D[,F]  minimal  or reversed,N"));
        }
        String shape = m.group(1);
        List<Integer> args = new ArrayList<>();
        for (String s : m.group(2).split(",")) if (!s.isEmpty()) args.add(Integer.parseInt(s));
        Graph g = new Graph();
        switch (shape) {
            case "minimal" -> {
                if (!args.isEmpty()) throw new ImportException(source.problem(1, 1, "", "minimal takes no numbers"));
                single(g, 2, false);
            }
            case "single" -> single(g, arg(args, 0, 2, source, 1), false);
            case "reversed" -> single(g, arg(args, 0, 2, source, 1), true);
            case "linear" -> linear(g, arg(args, 0, 2, source, 1), arg(args, 1, 1, source, 1));
            default -> {
                int depth = arg(args, 0, 1, source, 0);
                int fanout = arg(args, 1, 2, source, 1);
                if (Math.pow(fanout, depth) > MAX_NODES) {
                    throw new ImportException(source.problem(1, 1, "", "tree," + depth + "," + fanout + " has more than " + MAX_NODES + " hosts"));
                }
                tree(g, depth, fanout, new int[] {1, 1});
            }
        }
        if (g.nodes.size() > MAX_NODES) throw new ImportException(source.problem(1, 1, "", spec + " has more than " + MAX_NODES + " nodes"));
        return design(g, shape, source);
    }

    private static int arg(List<Integer> args, int i, int fallback, Source source, int min) throws ImportException {
        int v = i < args.size() ? args.get(i) : fallback;
        if (v < min) throw new ImportException(source.problem(1, 1, "", "each number must be at least " + min));
        return v;
    }

    private static void single(Graph g, int k, boolean reversed) {
        String s = g.sw("s1");
        for (int h = 1; h <= k; h++) {
            String host = g.host("h" + h);
            if (reversed) g.link(host, s, 0, k - h + 1);
            else g.link(host, s);
        }
    }

    private static void linear(Graph g, int k, int n) {
        String last = null;
        for (int i = 1; i <= k; i++) {
            String s = g.sw("s" + i);
            for (int j = 1; j <= n; j++) g.link(g.host(n == 1 ? "h" + i : "h" + j + "s" + i), s);
            if (last != null) g.link(s, last);
            last = s;
        }
    }

    /** {@code counters}: the next host and switch numbers, shared by the whole recursion as in topolib. */
    private static String tree(Graph g, int depth, int fanout, int[] counters) {
        if (depth == 0) return g.host("h" + counters[0]++);
        String node = g.sw("s" + counters[1]++);
        for (int i = 0; i < fanout; i++) {
            String child = tree(g, depth - 1, fanout, counters);
            g.link(node, child);
        }
        return node;
    }

    private static ImportResult design(Graph g, String shape, Source source) {
        DesignBuilder d = new DesignBuilder(source, pointer -> new SourceTree.Place(1, 1));
        d.name(shape, "");
        d.description("Mininet --topo " + source.name());
        Map<String, String> ids = new HashMap<>();
        for (var e : g.nodes.entrySet()) {
            String id = d.id(e.getKey(), "");
            ids.put(e.getKey(), id);
            if (e.getValue()) d.bridge(id, new Bridge(null, null, null, null, null), "");
            else d.namespace(id, "");
        }
        if (g.nodes.containsValue(true)) {
            d.note("", "Mininet's switches are OpenFlow switches under a controller; here they are learning Linux bridges");
        }
        Map<String, DesignBuilder.End> firstEnd = new HashMap<>();
        for (Link l : g.links) {
            DesignBuilder.End a = end(g, ids, l.node1(), l.port1());
            DesignBuilder.End b = end(g, ids, l.node2(), l.port2());
            keepLowest(firstEnd, l.node1(), a, l.port1());
            keepLowest(firstEnd, l.node2(), b, l.port2());
            d.veth(a, b, "");
        }
        List<String> hosts = new ArrayList<>(g.nodes.keySet().stream().filter(n -> !g.nodes.get(n)).toList());
        hosts.sort(MininetTopos::natural);
        Cidr base = Cidr.parse("10.0.0.0/8");
        for (int i = 0; i < hosts.size(); i++) {
            DesignBuilder.End e = firstEnd.get(hosts.get(i));
            if (e != null) e.addresses.add(MiniEditImporter.add(base, i + 1) + "/8");
        }
        return d.build();
    }

    private static DesignBuilder.End end(Graph g, Map<String, String> ids, String node, int port) {
        String name = node + "-eth" + port;
        return new DesignBuilder.End(ids.get(node), g.nodes.get(node), name);
    }

    /** A host's address goes on its default interface, the one with the lowest port. */
    private static void keepLowest(Map<String, DesignBuilder.End> first, String node, DesignBuilder.End e, int port) {
        DesignBuilder.End before = first.get(node);
        if (before == null || port < portOf(before)) first.put(node, e);
    }

    private static int portOf(DesignBuilder.End e) {
        return Integer.parseInt(e.name.substring(e.name.lastIndexOf("-eth") + 4));
    }

    /** Mininet's {@code natural} order: digit runs compare as numbers. */
    static int natural(String a, String b) {
        Matcher x = NATURAL.matcher(a);
        Matcher y = NATURAL.matcher(b);
        while (true) {
            boolean hx = x.find();
            boolean hy = y.find();
            if (!hx || !hy) return Boolean.compare(hx, hy);
            String sx = x.group();
            String sy = y.group();
            boolean dx = Character.isDigit(sx.charAt(0));
            boolean dy = Character.isDigit(sy.charAt(0));
            int c;
            if (dx && dy) c = new java.math.BigInteger(sx).compareTo(new java.math.BigInteger(sy));
            else if (dx != dy) c = dx ? -1 : 1;
            else c = sx.compareTo(sy);
            if (c != 0) return c;
        }
    }
}
