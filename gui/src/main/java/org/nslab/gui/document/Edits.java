package org.nslab.gui.document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
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
     * Renames a node id everywhere the design refers to it (see {@link Renames#node}), as one undo step that
     * the selection follows.
     */
    public static Edit renameNode(Topology t, String oldId, String newId) {
        Topology after = Renames.node(t, oldId, newId);
        return new Edit.RenameNode(oldId, newId, between("Rename " + oldId + " to " + newId, t, after));
    }

    /**
     * The change from {@code before} to {@code after} as one edit of every element that differs. The two designs
     * must have as many veths and checks (their elements are compared by index).
     */
    public static Edit.Compound between(String label, Topology before, Topology after) {
        List<Edit> edits = new ArrayList<>();
        if (!Objects.equals(before.name(), after.name()) || !Objects.equals(before.description(), after.description())) {
            edits.add(new Edit.SetLabInfo(before.name(), before.description(), after.name(), after.description()));
        }
        for (String name : union(before.machines(), after.machines())) {
            var b = before.machines().get(name);
            var a = after.machines().get(name);
            if (!Objects.equals(a, b)) edits.add(new Edit.SetMachine(name, b, a));
        }
        for (String id : union(before.namespaces(), after.namespaces())) {
            var b = before.namespaces().get(id);
            var a = after.namespaces().get(id);
            if (!Objects.equals(a, b)) edits.add(new Edit.SetNamespace(id, b, a));
        }
        for (String id : union(before.bridges(), after.bridges())) {
            var b = before.bridges().get(id);
            var a = after.bridges().get(id);
            if (!Objects.equals(a, b)) edits.add(new Edit.SetBridge(id, b, a));
        }
        for (String id : union(before.tuns(), after.tuns())) {
            var b = before.tuns().get(id);
            var a = after.tuns().get(id);
            if (!Objects.equals(a, b)) edits.add(new Edit.SetTun(id, b, a));
        }
        if (before.veths().size() != after.veths().size() || before.checks().size() != after.checks().size()) {
            throw new IllegalArgumentException("veths or checks were added or removed");
        }
        for (int i = 0; i < before.veths().size(); i++) {
            if (!before.veths().get(i).equals(after.veths().get(i))) {
                edits.add(new Edit.SetVeth(i, before.veths().get(i), after.veths().get(i)));
            }
        }
        for (int i = 0; i < before.checks().size(); i++) {
            if (!before.checks().get(i).equals(after.checks().get(i))) {
                edits.add(new Edit.SetCheck(i, before.checks().get(i), after.checks().get(i)));
            }
        }
        Map<String, Position> moveBefore = new HashMap<>();
        Map<String, Position> moveAfter = new HashMap<>();
        for (String id : union(before.layout(), after.layout())) {
            if (!Objects.equals(before.layout().get(id), after.layout().get(id))) {
                moveBefore.put(id, before.layout().get(id));
                moveAfter.put(id, after.layout().get(id));
            }
        }
        if (!moveAfter.isEmpty()) edits.add(new Edit.MoveNodes(moveBefore, moveAfter));
        return new Edit.Compound(label, edits);
    }

    private static Set<String> union(Map<String, ?> a, Map<String, ?> b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    /** Renames one end of a veth pair and the routes and firewall rules that name it. */
    public static Edit renameVethEnd(Topology t, int index, String side, String newName) {
        VethEnd e = side.equals("a") ? t.veths().get(index).a() : t.veths().get(index).b();
        String label = newName == null ? "Clear interface name " + e.name() : "Rename interface " + e.name() + " to " + newName;
        return between(label, t, Renames.vethEnd(t, index, side, newName));
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
