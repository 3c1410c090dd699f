package org.nslab.gui.document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/** Builds the edits that touch several parts of a design at once (deleting a node deletes its veths too). */
public final class Edits {
    private Edits() {}

    /**
     * Deletes the referenced elements and everything that cannot exist without them: veths attached to a
     * deleted node, checks run from a deleted namespace, canvas positions. Bridges and TUNs inside a deleted
     * namespace are deleted too.
     */
    public static Edit delete(Topology t, Collection<? extends ElementRef> refs) {
        Set<String> namespaces = new TreeSet<>();
        Set<String> bridges = new TreeSet<>();
        Set<String> tuns = new TreeSet<>();
        Set<Integer> veths = new TreeSet<>();
        for (ElementRef ref : refs) {
            switch (ref) {
                case ElementRef.NamespaceRef n -> namespaces.add(n.id());
                case ElementRef.BridgeRef b -> bridges.add(b.id());
                case ElementRef.TunRef u -> tuns.add(u.id());
                case ElementRef.VethRef v -> veths.add(v.index());
            }
        }
        t.bridges().forEach((id, b) -> {
            if (b.namespace() != null && namespaces.contains(b.namespace())) bridges.add(id);
        });
        t.tuns().forEach((id, u) -> {
            if (u.namespace() != null && namespaces.contains(u.namespace())) tuns.add(id);
        });
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            if (touches(v.a(), namespaces, bridges) || touches(v.b(), namespaces, bridges)) veths.add(i);
        }
        List<Edit> edits = new ArrayList<>();
        // Highest index first, so earlier removals do not shift the later ones (and the inverse re-inserts upwards).
        List<Integer> vethsDescending = new ArrayList<>(veths);
        java.util.Collections.reverse(vethsDescending);
        for (int i : vethsDescending) {
            if (i < t.veths().size()) edits.add(new Edit.SetVeth(i, t.veths().get(i), null));
        }
        for (int i = t.checks().size() - 1; i >= 0; i--) {
            Check c = t.checks().get(i);
            if (c.from() != null && namespaces.contains(c.from())) edits.add(new Edit.SetCheck(i, c, null));
        }
        for (String id : namespaces) {
            if (t.namespaces().containsKey(id)) edits.add(new Edit.SetNamespace(id, t.namespaces().get(id), null));
        }
        for (String id : bridges) {
            if (t.bridges().containsKey(id)) edits.add(new Edit.SetBridge(id, t.bridges().get(id), null));
        }
        for (String id : tuns) {
            if (t.tuns().containsKey(id)) edits.add(new Edit.SetTun(id, t.tuns().get(id), null));
        }
        Map<String, Position> before = new HashMap<>();
        Map<String, Position> after = new HashMap<>();
        for (String id : concat(namespaces, bridges, tuns)) {
            if (t.layout().containsKey(id)) {
                before.put(id, t.layout().get(id));
                after.put(id, null);
            }
        }
        if (!before.isEmpty()) edits.add(new Edit.MoveNodes(before, after));
        int count = refs.size();
        String label = count == 1 ? "Delete " + describe(t, refs.iterator().next()) : "Delete " + count + " elements";
        return new Edit.Compound(label, edits);
    }

    private static boolean touches(VethEnd end, Set<String> namespaces, Set<String> bridges) {
        return end != null && ((end.namespace() != null && namespaces.contains(end.namespace()))
                || (end.bridge() != null && bridges.contains(end.bridge())));
    }

    private static List<String> concat(Set<String> a, Set<String> b, Set<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    /**
     * Renames a node id everywhere the design refers to it: the node itself, veth ends, bridges and TUNs living
     * in a renamed namespace, checks, the layout.
     */
    public static Edit renameNode(Topology t, String oldId, String newId) {
        Objects.requireNonNull(newId);
        if (oldId.equals(newId)) return new Edit.Compound("Rename " + oldId, List.of());
        List<Edit> edits = new ArrayList<>();
        boolean isNamespace = t.namespaces().containsKey(oldId);
        boolean isBridge = t.bridges().containsKey(oldId);
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            Veth renamed = new Veth(rename(v.a(), oldId, newId, isNamespace, isBridge),
                    rename(v.b(), oldId, newId, isNamespace, isBridge));
            if (!renamed.equals(v)) edits.add(new Edit.SetVeth(i, v, renamed));
        }
        if (isNamespace) {
            t.bridges().forEach((id, b) -> {
                if (oldId.equals(b.namespace())) {
                    edits.add(new Edit.SetBridge(id, b, new Bridge(newId, b.ifname(), b.addresses(), b.mtu(), b.stp())));
                }
            });
            t.tuns().forEach((id, u) -> {
                if (oldId.equals(u.namespace())) {
                    edits.add(new Edit.SetTun(id, u, new Tun(newId, u.mode(), u.ifname(), u.addresses(), u.owner(),
                            u.group(), u.multiQueue(), u.up())));
                }
            });
            for (int i = 0; i < t.checks().size(); i++) {
                Check c = t.checks().get(i);
                if (oldId.equals(c.from())) {
                    edits.add(new Edit.SetCheck(i, c, new Check(newId, c.to(), c.proto(), c.port(), c.expect())));
                }
            }
            edits.add(new Edit.SetNamespace(oldId, t.namespaces().get(oldId), null));
            edits.add(new Edit.SetNamespace(newId, null, t.namespaces().get(oldId)));
        } else if (isBridge) {
            Bridge b = t.bridges().get(oldId);
            edits.add(new Edit.SetBridge(oldId, b, null));
            edits.add(new Edit.SetBridge(newId, null, b));
        } else if (t.tuns().containsKey(oldId)) {
            Tun u = t.tuns().get(oldId);
            edits.add(new Edit.SetTun(oldId, u, null));
            edits.add(new Edit.SetTun(newId, null, u));
        }
        Position p = t.layout().get(oldId);
        if (p != null) {
            Map<String, Position> before = new HashMap<>();
            before.put(oldId, p);
            before.put(newId, t.layout().get(newId));
            Map<String, Position> after = new HashMap<>();
            after.put(oldId, null);
            after.put(newId, p);
            edits.add(new Edit.MoveNodes(before, after));
        }
        return new Edit.Compound("Rename " + oldId + " to " + newId, edits);
    }

    private static VethEnd rename(VethEnd e, String oldId, String newId, boolean ns, boolean br) {
        if (e == null) return null;
        String namespace = ns && oldId.equals(e.namespace()) ? newId : e.namespace();
        String bridge = br && oldId.equals(e.bridge()) ? newId : e.bridge();
        return new VethEnd(namespace, bridge, e.name(), e.addresses(), e.mac(), e.mtu(), e.up());
    }

    /** A short human name of an element, for edit labels and messages. */
    public static String describe(Topology t, ElementRef ref) {
        return switch (ref) {
            case ElementRef.NamespaceRef n -> Topology.HOST.equals(n.id()) ? "host" : "namespace " + n.id();
            case ElementRef.BridgeRef b -> "bridge " + b.id();
            case ElementRef.TunRef u -> "TUN/TAP " + u.id();
            case ElementRef.VethRef v -> v.index() < t.veths().size()
                    ? "veth " + t.veths().get(v.index()).a().name() + "–" + t.veths().get(v.index()).b().name()
                    : "veth " + v.index();
        };
    }
}
