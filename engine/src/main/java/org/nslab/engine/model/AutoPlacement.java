package org.nslab.engine.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Chooses the machine of every namespace and bridge in {@code host} that says {@code "machine": "*"}.
 *
 * <ul>
 *   <li><b>Balance</b>: no machine gets more than its share of the design's namespaces, {@code ceil(N * weight /
 *       total weight)} ({@code ceil(N / machines)} while every machine has the default weight 1; namespaces the
 *       design places itself count where they are; bridges count nothing), unless its own placed namespaces
 *       already exceed it.</li>
 *   <li><b>A bridge's ports together</b>: an open bridge and the open namespaces joined to it by a pair (or an open
 *       namespace holding a bridge and the open namespaces on that bridge) form a group placed on one machine when
 *       it fits; a group too big for any machine is placed node by node, each following its neighbours until their
 *       machine is full, so the bridge is spread over as few machines as its size needs.</li>
 *   <li><b>Neighbours</b>: a group goes where most of its pairs lead (namespaces and bridges already placed,
 *       ends in a machine's {@code host}), so fewer links cross machines.</li>
 *   <li><b>Even</b>: among machines that pull a group equally, the emptiest for its weight (fewest namespaces per
 *       unit of weight); among equally empty ones, the
 *       group's own ranking of the machines (rendezvous hashing of its id), never design order.</li>
 *   <li><b>Deterministic and stable</b>: groups are placed largest first, then by id, so the same design always
 *       gives the same machines (whatever the order of its pairs), and a node added to a design moves few others
 *       ({@code AutoPlacementTest}: under a third of what dealing machines in turn moves). {@code nslab place}
 *       writes the choice into the design to keep it for good.</li>
 * </ul>
 */
final class AutoPlacement {
    private static final String NS = "n:";
    private static final String BR = "b:";

    private final Topology t;
    private final List<String> machines;
    /** Every node's machine: given by the design, or chosen here. Keys are {@code n:ID} and {@code b:ID}. */
    private final Map<String, String> at = new HashMap<>();
    private final Map<String, List<String>> neighbours = new HashMap<>();
    /** Ends in a machine's {@code host} pull the node on their other side to that machine. */
    private final Map<String, List<String>> anchors = new HashMap<>();
    private final Map<String, Integer> load = new HashMap<>();
    private final Map<String, Integer> weights = new HashMap<>();
    /** How many namespaces each machine may hold: its weight's part of them all, rounded up. */
    private final Map<String, Integer> shares = new HashMap<>();

    private AutoPlacement(Topology t, List<String> machines) {
        this.t = t;
        this.machines = machines;
        long total = 0;
        for (String id : t.namespaces().keySet()) if (!Topology.HOST.equals(id)) total++;
        long weight = 0;
        for (String m : machines) {
            Machine entry = t.machines().get(m);
            // An invalid weight (the validator reports it) counts as the default, so placement still answers.
            int w = entry == null || entry.weight() == null || entry.weight() < 1 || entry.weight() > Machine.MAX_WEIGHT
                    ? Machine.DEFAULT_WEIGHT : entry.weight();
            weights.put(m, w);
            weight += w;
        }
        for (String m : machines) shares.put(m, (int) Math.max(1, (total * weights.get(m) + weight - 1) / weight));
    }

    /** The chosen machines: namespace ids to machine, host bridge ids to machine (open nodes only). */
    record Choice(Map<String, String> namespaces, Map<String, String> bridges) {
        static final Choice NONE = new Choice(Map.of(), Map.of());
    }

    static Choice of(Topology t, List<String> machines) {
        if (!hasOpen(t)) return Choice.NONE;
        return new AutoPlacement(t, machines).choose();
    }

    static boolean hasOpen(Topology t) {
        for (var e : t.namespaces().entrySet()) if (!Topology.HOST.equals(e.getKey()) && Placement.AUTO.equals(e.getValue().machine())) return true;
        for (Bridge b : t.bridges().values()) if (isOpenBridge(b)) return true;
        return false;
    }

    private static boolean isOpenBridge(Bridge b) {
        return Topology.HOST.equals(b.namespaceOrHost()) && Placement.AUTO.equals(b.machine());
    }

    private Choice choose() {
        TreeSet<String> open = new TreeSet<>();
        t.namespaces().forEach((id, ns) -> {
            if (Topology.HOST.equals(id)) return;
            if (Placement.AUTO.equals(ns.machine())) open.add(NS + id);
            else place(NS + id, ns.machineOrLocal());
        });
        t.bridges().forEach((id, b) -> {
            if (!Topology.HOST.equals(b.namespaceOrHost())) return;
            if (isOpenBridge(b)) open.add(BR + id);
            else at.put(BR + id, b.machine() == null ? Topology.LOCAL : b.machine());
        });
        Groups groups = new Groups(open);
        for (Veth v : t.veths()) {
            if (v == null || v.a() == null || v.b() == null) continue;
            link(v.a(), v.b(), open, groups);
        }
        for (List<String> group : groups.ordered(this::weight)) {
            if (!placeWhole(group, Map.of())) {
                // Too big for any machine's share: the bridge first, then its ports, each after its neighbours and
                // then where the group already is, so it fills one machine after another.
                List<String> members = new ArrayList<>(group);
                members.sort(Comparator.comparing((String n) -> !n.startsWith(BR)).thenComparing(n -> n));
                Map<String, Integer> already = new HashMap<>();
                for (String n : members) {
                    placeWhole(List.of(n), already);
                    already.merge(at.get(n), 1, Integer::sum);
                }
            }
        }
        Map<String, String> namespaces = new TreeMap<>();
        Map<String, String> bridges = new TreeMap<>();
        for (String n : open) {
            if (n.startsWith(NS)) namespaces.put(n.substring(NS.length()), at.get(n));
            else bridges.put(n.substring(BR.length()), at.get(n));
        }
        return new Choice(namespaces, bridges);
    }

    /** The node an end belongs to: a namespace, a bridge in {@code host}, or null for an end in {@code host}. */
    private String node(VethEnd e) {
        if (e.bridge() != null) {
            Bridge b = t.bridges().get(e.bridge());
            if (b == null) return null;
            if (Topology.HOST.equals(b.namespaceOrHost())) return BR + e.bridge();
            return t.namespaces().containsKey(b.namespace()) ? NS + b.namespace() : null;
        }
        if (e.namespace() == null || Topology.HOST.equals(e.namespace())) return null;
        return t.namespaces().containsKey(e.namespace()) ? NS + e.namespace() : null;
    }

    private void link(VethEnd a, VethEnd b, TreeSet<String> open, Groups groups) {
        String na = node(a);
        String nb = node(b);
        if (na == null && nb != null) anchors.computeIfAbsent(nb, k -> new ArrayList<>()).add(hostMachine(a));
        if (nb == null && na != null) anchors.computeIfAbsent(na, k -> new ArrayList<>()).add(hostMachine(b));
        if (na == null || nb == null || na.equals(nb)) return;
        neighbours.computeIfAbsent(na, k -> new ArrayList<>()).add(nb);
        neighbours.computeIfAbsent(nb, k -> new ArrayList<>()).add(na);
        // A bridge's ports stay with it: an end on a bridge joins the bridge's node to the other end's.
        boolean bridgePort = a.bridge() != null || b.bridge() != null;
        if (bridgePort && open.contains(na) && open.contains(nb)) groups.join(na, nb);
    }

    private static String hostMachine(VethEnd e) {
        return e.machine() == null || Placement.AUTO.equals(e.machine()) ? Topology.LOCAL : e.machine();
    }

    private int weight(List<String> group) {
        int w = 0;
        for (String n : group) if (n.startsWith(NS)) w++;
        return w;
    }

    /**
     * Puts the whole group on the best machine with room for it (most pairs leading there, then most of
     * {@code already}, then the group's own ranking of the machines); false when none has room.
     */
    private boolean placeWhole(List<String> group, Map<String, Integer> already) {
        int w = weight(group);
        Map<String, Integer> pull = new LinkedHashMap<>();
        java.util.Set<String> members = new java.util.HashSet<>(group);
        for (String n : group) {
            for (String other : neighbours.getOrDefault(n, List.of())) {
                String m = at.get(other);
                if (m != null && !members.contains(other)) pull.merge(m, 1, Integer::sum);
            }
            for (String m : anchors.getOrDefault(n, List.of())) pull.merge(m, 1, Integer::sum);
        }
        String key = group.getFirst();
        String best = null;
        for (String m : machines) {
            if (load.getOrDefault(m, 0) + w > shares.get(m) && w > 0) continue;
            if (best == null || better(m, best, pull, already, key)) best = m;
        }
        if (best == null) return false;
        for (String n : group) place(n, best);
        return true;
    }

    private boolean better(String m, String than, Map<String, Integer> pull, Map<String, Integer> already, String key) {
        int a = pull.getOrDefault(m, 0);
        int b = pull.getOrDefault(than, 0);
        if (a != b) return a > b;
        a = already.getOrDefault(m, 0);
        b = already.getOrDefault(than, 0);
        if (a != b) return a > b;
        // Load per unit of weight, compared without division: m's load / m's weight against than's.
        long mine = (long) load.getOrDefault(m, 0) * weights.get(than);
        long theirs = (long) load.getOrDefault(than, 0) * weights.get(m);
        if (mine != theirs) return mine < theirs;
        return rank(key, m) > rank(key, than);
    }

    private void place(String node, String machine) {
        at.put(node, machine);
        if (node.startsWith(NS)) load.merge(machine, 1, Integer::sum);
    }

    /** Rendezvous hashing: each node ranks the machines in its own order, which no other node changes. */
    private static long rank(String node, String machine) {
        CRC32 crc = new CRC32();
        crc.update((node + "\0" + machine).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** Union-find over the open nodes, read back as groups keyed by their first node. */
    private static final class Groups {
        private final Map<String, String> parent = new HashMap<>();

        Groups(TreeSet<String> nodes) {
            for (String n : nodes) parent.put(n, n);
        }

        private String root(String n) {
            String r = n;
            while (!parent.get(r).equals(r)) r = parent.get(r);
            while (!parent.get(n).equals(r)) {
                String next = parent.get(n);
                parent.put(n, r);
                n = next;
            }
            return r;
        }

        void join(String a, String b) {
            String ra = root(a);
            String rb = root(b);
            if (ra.equals(rb)) return;
            // The smaller id is the root, so a group's key does not depend on the order of the pairs.
            if (ra.compareTo(rb) < 0) parent.put(rb, ra);
            else parent.put(ra, rb);
        }

        /** Largest first (by weight), then by the group's first node. */
        List<List<String>> ordered(java.util.function.ToIntFunction<List<String>> weight) {
            Map<String, List<String>> byRoot = new TreeMap<>();
            for (String n : new TreeSet<>(parent.keySet())) byRoot.computeIfAbsent(root(n), k -> new ArrayList<>()).add(n);
            List<List<String>> out = new ArrayList<>(byRoot.values());
            out.sort(Comparator.comparingInt(weight).reversed().thenComparing(g -> g.getFirst()));
            return out;
        }
    }
}
