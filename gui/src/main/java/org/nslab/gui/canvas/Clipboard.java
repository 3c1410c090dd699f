package org.nslab.gui.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.gui.document.Edit;

/**
 * Copied nodes and the veths among them, as a small topology. Pasting gives each node a fresh id, keeps the
 * links between copies, renames interfaces that would clash in shared namespaces and offsets the positions.
 */
public record Clipboard(Topology fragment) {
    static final double OFFSET = 40;

    public static Clipboard copy(Topology t, Diagram d, Set<String> nodeIds) {
        Map<String, Namespace> ns = new HashMap<>();
        Map<String, Bridge> br = new HashMap<>();
        Map<String, Tun> tuns = new HashMap<>();
        Map<String, Position> layout = new HashMap<>();
        for (String id : nodeIds) {
            if (Topology.HOST.equals(id)) continue; // one host per machine: never duplicated
            if (t.namespaces().containsKey(id)) ns.put(id, t.namespaces().get(id));
            else if (t.bridges().containsKey(id)) br.put(id, t.bridges().get(id));
            else if (t.tuns().containsKey(id)) tuns.put(id, t.tuns().get(id));
            else continue;
            DiagramNode n = d.nodes().get(id);
            if (n != null) layout.put(id, new Position(n.x(), n.y()));
        }
        Set<String> copied = new HashSet<>(layout.keySet());
        List<Veth> veths = new ArrayList<>();
        for (Veth v : t.veths()) {
            if (copied.contains(Diagram.nodeOf(v.a())) && copied.contains(Diagram.nodeOf(v.b()))) veths.add(v);
        }
        return new Clipboard(Topology.empty(t.name()).withNamespaces(ns).withBridges(br).withTuns(tuns)
                .withVeths(veths).withLayout(layout));
    }

    public boolean isEmpty() {
        return fragment.layout().isEmpty();
    }

    /** The edit that pastes into {@code t}; {@code newIds} receives the ids of the pasted nodes. */
    public Edit pasteInto(Topology t, Set<String> newIds) {
        Map<String, String> rename = new HashMap<>();
        Set<String> taken = new HashSet<>(t.namespaces().keySet());
        taken.addAll(t.bridges().keySet());
        taken.addAll(t.tuns().keySet());
        taken.add(Topology.HOST);
        for (String id : fragment.layout().keySet()) {
            String fresh = freshId(taken, id);
            taken.add(fresh);
            rename.put(id, fresh);
        }
        List<Edit> edits = new ArrayList<>();
        fragment.namespaces().forEach((id, n) -> edits.add(new Edit.SetNamespace(rename.get(id), null,
                n.kernelName() == null ? n : n.withKernelName(null))));
        fragment.bridges().forEach((id, b) -> edits.add(new Edit.SetBridge(rename.get(id), null,
                b.withNamespace(b.namespace() != null ? rename.getOrDefault(b.namespace(), b.namespace()) : null)
                        .withIfname(b.ifname() == null ? null : rename.get(id)))));
        fragment.tuns().forEach((id, u) -> edits.add(new Edit.SetTun(rename.get(id), null,
                new Tun(u.namespace() != null ? rename.getOrDefault(u.namespace(), u.namespace()) : null, u.mode(),
                        u.ifname() == null ? null : rename.get(id), u.addresses(), u.owner(), u.group(),
                        u.multiQueue(), u.up()))));
        Topology staged = new Edit.Compound("", edits).apply(t);
        int index = t.veths().size();
        for (Veth v : fragment.veths()) {
            VethEnd a = renamed(staged, v.a(), rename);
            Topology withA = staged.withVeths(append(staged.veths(), new Veth(a, placeholder(v.b()))));
            VethEnd b = renamed(withA, v.b(), rename);
            Veth copy = v.withEnds(a, b);
            edits.add(new Edit.SetVeth(index++, null, copy));
            staged = staged.withVeths(append(staged.veths(), copy));
        }
        Map<String, Position> before = new HashMap<>();
        Map<String, Position> after = new HashMap<>();
        fragment.layout().forEach((id, p) -> {
            before.put(rename.get(id), null);
            after.put(rename.get(id), new Position(p.x() + OFFSET, p.y() + OFFSET));
        });
        edits.add(new Edit.MoveNodes(before, after));
        newIds.addAll(rename.values());
        return new Edit.Compound("Paste " + rename.size() + (rename.size() == 1 ? " node" : " nodes"), edits);
    }

    private static VethEnd placeholder(VethEnd e) {
        return new VethEnd(null, null, null, List.of(), null, null, null);
    }

    private static List<Veth> append(List<Veth> list, Veth v) {
        List<Veth> copy = new ArrayList<>(list);
        copy.add(v);
        return copy;
    }

    /** The end moved onto the renamed node; its interface name kept unless its namespace has that name already. */
    private static VethEnd renamed(Topology staged, VethEnd e, Map<String, String> rename) {
        String ns = e.namespace() == null ? null : rename.getOrDefault(e.namespace(), e.namespace());
        String br = e.bridge() == null ? null : rename.getOrDefault(e.bridge(), e.bridge());
        VethEnd moved = e.withAttachment(ns, br).withMac(null);
        String where = moved.namespaceIn(staged);
        String name = e.name() == null || where == null ? e.name()
                : AddressPool.unique(AddressPool.interfaceNames(staged, where), e.name());
        return moved.withName(name);
    }

    static String freshId(Set<String> taken, String base) {
        String stem = base.replaceAll("-?[0-9]+$", "");
        if (stem.isEmpty()) stem = base;
        for (int i = 2; ; i++) {
            String candidate = stem + i;
            if (!taken.contains(candidate)) return candidate;
        }
    }
}
