package org.nslab.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;

/**
 * Which machine each part of a design is on, and the VXLAN networks that join machines. Read from the design
 * alone, so every machine's helper, given the same design, agrees on every VNI without talking to the others.
 *
 * <p>A namespace is on its {@code machine} ({@code local} by default); {@code host} is each machine's own namespace.
 * A bridge is at home on the machine of its namespace (in {@code host}: its own {@code machine}). A veth end is where
 * its namespace is, except a port of a bridge in {@code host} whose other end is in a namespace: that end goes to the
 * other end's machine, and the bridge gets a half there (a <em>spread</em> bridge, its halves joined by one VXLAN
 * network with head-end replication). A pair whose ends still end up on two machines is a VXLAN link, one VNI each.
 *
 * <p>A namespace or bridge in {@code host} whose {@code machine} is {@code "*"} ({@link #AUTO}) is placed by nslab
 * ({@link AutoPlacement}: balanced by namespace count, a bridge's ports kept together, the same machines for the
 * same design); everything here, and so the split, validation, apply, status and teardown, sees the chosen machine.
 *
 * <p>Tolerant of invalid designs (the validator asks it too): unknown references fall back to {@code local}.
 */
public final class Placement {
    /** Auto-chosen VNIs come from a block of this size per lab; beyond it they continue into the next block. */
    static final int VNI_BLOCK = 2048;
    public static final int MAX_VNI = 16_777_215;

    /** The {@code machine} that leaves a node's machine to nslab (never a machine name: those start with a letter). */
    public static final String AUTO = "*";

    private final Topology t;
    private final AutoPlacement.Choice chosen;
    private final Map<Integer, Integer> vethVnis = new HashMap<>();
    private final Map<String, Integer> bridgeVnis = new HashMap<>();

    private Placement(Topology t) {
        this.t = t;
        this.chosen = AutoPlacement.of(t, machines());
        assignVnis();
    }

    public static Placement of(Topology t) {
        return new Placement(t);
    }

    public Topology topology() {
        return t;
    }

    /** Every machine of the design, {@code local} first, then the others by name. */
    public List<String> machines() {
        return machinesOf(t);
    }

    /** The same list without placing anything: what a view needs on every change of the design. */
    public static List<String> machinesOf(Topology t) {
        List<String> out = new ArrayList<>();
        out.add(Topology.LOCAL);
        for (String m : t.machines().keySet()) if (!Topology.LOCAL.equals(m)) out.add(m);
        return out;
    }

    /** The machine of a namespace id ({@code host}: {@code local}, as the design's own {@code host} entry is). */
    public String ofNamespace(String id) {
        Namespace ns = Topology.HOST.equals(id) ? null : t.namespaces().get(id);
        if (ns == null) return Topology.LOCAL;
        return AUTO.equals(ns.machine()) ? chosen.namespaces().getOrDefault(id, Topology.LOCAL) : ns.machineOrLocal();
    }

    /** Whether nslab chose the namespace's machine. */
    public boolean automatic(String namespaceId) {
        return chosen.namespaces().containsKey(namespaceId);
    }

    /** Whether nslab chose the bridge's home: its own {@code "*"}, or that of the namespace it lives in. */
    public boolean automaticBridge(String bridgeId) {
        Bridge b = t.bridges().get(bridgeId);
        if (b == null) return false;
        return chosen.bridges().containsKey(bridgeId) || automatic(b.namespaceOrHost());
    }

    /** Every namespace but {@code host}, by id, with its machine. */
    public List<NodePlace> namespaces() {
        List<NodePlace> out = new ArrayList<>();
        for (String id : t.namespaces().keySet()) {
            if (!Topology.HOST.equals(id)) out.add(new NodePlace(id, ofNamespace(id), automatic(id)));
        }
        return out;
    }

    /** Every bridge, by id, with its home machine (a spread bridge has halves elsewhere too: {@link #bridgeMachines}). */
    public List<NodePlace> bridges() {
        List<NodePlace> out = new ArrayList<>();
        for (String id : t.bridges().keySet()) out.add(new NodePlace(id, home(id), automaticBridge(id)));
        return out;
    }

    /** Whether the design leaves some node's machine to nslab. */
    public boolean hasAutomatic() {
        return !chosen.namespaces().isEmpty() || !chosen.bridges().isEmpty();
    }

    /** The design with every {@code "*"} replaced by the machine chosen for it, nothing else changed. */
    public Topology pinned() {
        if (!hasAutomatic()) return t;
        Map<String, Namespace> namespaces = new java.util.TreeMap<>(t.namespaces());
        chosen.namespaces().forEach((id, m) -> namespaces.put(id, namespaces.get(id).withMachine(m)));
        Map<String, Bridge> bridges = new java.util.TreeMap<>(t.bridges());
        chosen.bridges().forEach((id, m) -> bridges.put(id, bridges.get(id).withMachine(m)));
        return t.withNamespaces(namespaces).withBridges(bridges);
    }

    /** Where a bridge is at home: with its addresses, and where a port of it goes when nothing else decides. */
    public String home(String bridgeId) {
        Bridge b = t.bridges().get(bridgeId);
        if (b == null) return Topology.LOCAL;
        if (!Topology.HOST.equals(b.namespaceOrHost()) && t.namespaces().containsKey(b.namespace())) return ofNamespace(b.namespace());
        if (AUTO.equals(b.machine())) return chosen.bridges().getOrDefault(bridgeId, Topology.LOCAL);
        return b.machine() == null ? Topology.LOCAL : b.machine();
    }

    /** The machine of a TUN/TAP: that of its namespace ({@code host}: {@code local}). */
    public String ofTun(String tunId) {
        Tun d = t.tuns().get(tunId);
        return d == null ? Topology.LOCAL : ofNamespace(d.namespaceOrHost());
    }

    /** The machine end {@code a} (true) or {@code b} of a pair is on. */
    public String end(Veth v, boolean a) {
        VethEnd e = a ? v.a() : v.b();
        VethEnd other = a ? v.b() : v.a();
        if (e == null) return Topology.LOCAL;
        if (e.bridge() != null) {
            Bridge b = t.bridges().get(e.bridge());
            if (b != null && Topology.HOST.equals(b.namespaceOrHost()) && other != null && other.bridge() == null && other.namespace() != null) {
                return namespaceEnd(other);
            }
            return home(e.bridge());
        }
        return namespaceEnd(e);
    }

    private String namespaceEnd(VethEnd e) {
        if (e.namespace() == null || Topology.HOST.equals(e.namespace())) return e.machine() == null ? Topology.LOCAL : e.machine();
        return ofNamespace(e.namespace());
    }

    /** Whether a pair's ends are on two machines, which makes it a VXLAN link. */
    public boolean crosses(Veth v) {
        return !end(v, true).equals(end(v, false));
    }

    /** The machines a bridge has a half on: its home and those of its ports, sorted with {@code local} first. */
    public List<String> bridgeMachines(String bridgeId) {
        Set<String> on = new HashSet<>();
        on.add(home(bridgeId));
        for (Veth v : t.veths()) {
            if (v.a() != null && bridgeId.equals(v.a().bridge())) on.add(end(v, true));
            if (v.b() != null && bridgeId.equals(v.b().bridge())) on.add(end(v, false));
        }
        return ordered(on);
    }

    private List<String> ordered(Set<String> on) {
        List<String> out = new ArrayList<>();
        for (String m : machines()) if (on.remove(m)) out.add(m);
        out.addAll(new TreeSet<>(on));
        return out;
    }

    public boolean spread(String bridgeId) {
        return bridgeMachines(bridgeId).size() > 1;
    }

    /** The VNI of the pair at {@code index} in {@code veths}, or null when it does not cross machines. */
    public Integer vni(int index) {
        return vethVnis.get(index);
    }

    /** The VNI of a spread bridge, or null when all of it is on one machine. */
    public Integer bridgeVni(String bridgeId) {
        return bridgeVnis.get(bridgeId);
    }

    /** The lab's VXLAN networks, explicit ones kept, the others numbered from the lab's own block in design order. */
    private void assignVnis() {
        Set<Integer> taken = new HashSet<>();
        for (Veth v : t.veths()) if (v.vni() != null && crosses(v)) taken.add(v.vni());
        t.bridges().forEach((id, b) -> { if (b.vni() != null && spread(id)) taken.add(b.vni()); });
        int next = base(t.name());
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            if (v == null || !crosses(v)) continue;
            if (v.vni() != null) {
                vethVnis.put(i, v.vni());
                continue;
            }
            while (taken.contains(next)) next = following(next);
            vethVnis.put(i, next);
            taken.add(next);
        }
        for (String id : t.bridges().keySet()) {
            if (!spread(id)) continue;
            Bridge b = t.bridges().get(id);
            if (b.vni() != null) {
                bridgeVnis.put(id, b.vni());
                continue;
            }
            while (taken.contains(next)) next = following(next);
            bridgeVnis.put(id, next);
            taken.add(next);
        }
    }

    /**
     * The first VNI of a lab's block: from a checksum of its name, so two labs on the same machines rarely meet
     * (when they do, the kernel refuses the second VXLAN device and the design can name its VNIs).
     */
    static int base(String lab) {
        CRC32 crc = new CRC32();
        crc.update((lab == null ? "" : lab).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return 1 + (int) (crc.getValue() % (MAX_VNI / VNI_BLOCK - 1)) * VNI_BLOCK;
    }

    private static int following(int vni) {
        return vni >= MAX_VNI ? 1 : vni + 1;
    }

    /**
     * The largest frame a VXLAN device joining these machines carries without fragments: the smallest underlay MTU
     * less the headers around each frame (50 bytes, 70 over IPv6).
     */
    public int vxlanMtu(List<String> joined) {
        int mtu = Integer.MAX_VALUE;
        boolean ipv6 = false;
        for (String name : joined) {
            Machine m = t.machines().get(name);
            mtu = Math.min(mtu, m == null ? Machine.DEFAULT_UNDERLAY_MTU : m.mtuOrDefault());
            if (m != null && m.underlay() != null && m.underlay().indexOf(':') >= 0) ipv6 = true;
        }
        return mtu - Machine.VXLAN_OVERHEAD - (ipv6 ? 20 : 0);
    }

    /** The UDP port of the lab's VXLAN devices (validation makes every machine's the same). */
    public int vxlanPort(String machine) {
        Machine m = t.machines().get(machine);
        return m == null ? Machine.DEFAULT_VXLAN_PORT : m.vxlanPortOrDefault();
    }

    /** A machine's underlay address as the design gives it, or null. */
    public String underlay(String machine) {
        Machine m = t.machines().get(machine);
        return m == null ? null : m.underlay();
    }

    /** The name of a spread bridge's VXLAN port in each of its halves: {@code vx} and the VNI, at most 10 characters. */
    public static String bridgePortName(int vni) {
        return "vx" + vni;
    }

    /** An unmodifiable view, for callers that list every crossing pair. */
    public Map<Integer, Integer> crossingVnis() {
        return Collections.unmodifiableMap(vethVnis);
    }
}
