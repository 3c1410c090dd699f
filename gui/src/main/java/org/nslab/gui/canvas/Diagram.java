package org.nslab.gui.canvas;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Placement;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * The canvas picture of a topology: its nodes (namespaces, the host when a veth ends in it, bridges,
 * TUN/TAP devices) and links (veth pairs). Nodes without a saved position get one from {@link AutoLayout}.
 */
public record Diagram(SortedMap<String, DiagramNode> nodes, List<DiagramLink> links) {

    public Diagram {
        nodes = Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
        links = List.copyOf(links);
    }

    public static Diagram of(Topology t) {
        Map<String, NodeKind> kinds = new LinkedHashMap<>();
        t.namespaces().keySet().forEach(id -> kinds.put(id, Topology.HOST.equals(id) ? NodeKind.HOST : NodeKind.NAMESPACE));
        t.bridges().keySet().forEach(id -> kinds.putIfAbsent(id, NodeKind.BRIDGE));
        t.tuns().keySet().forEach(id -> kinds.putIfAbsent(id, NodeKind.TUN));
        if (!kinds.containsKey(Topology.HOST) && refersToHost(t)) kinds.put(Topology.HOST, NodeKind.HOST);

        Map<String, List<DiagramNode.Port>> ports = new TreeMap<>();
        kinds.keySet().forEach(id -> ports.put(id, new ArrayList<>()));
        t.bridges().forEach((id, b) -> {
            if (!b.addresses().isEmpty()) ports.get(id).add(new DiagramNode.Port(b.ifnameOr(id), b.addresses()));
        });
        t.tuns().forEach((id, u) -> ports.get(id).add(new DiagramNode.Port(u.ifnameOr(id), u.addresses())));
        // Only a design with machines is coloured by machine; Placement is the engine's, so what is shown is what applies.
        Placement place = t.machines().isEmpty() ? null : Placement.of(t);
        List<DiagramLink> links = new ArrayList<>();
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            String a = nodeOf(v.a());
            String b = nodeOf(v.b());
            int aPort = addPort(ports, a, v.a());
            int bPort = addPort(ports, b, v.b());
            if (aPort >= 0 && bPort >= 0) {
                boolean crossing = place != null && place.crosses(v);
                String impaired = ImpairmentBadge.of(v);
                String badge = !crossing ? impaired : impaired.isEmpty() ? "VXLAN" : "VXLAN · " + impaired;
                links.add(new DiagramLink(i, a, b, aPort, bPort, badge, crossing));
            }
        }

        Map<String, Position> auto = AutoLayout.positions(t, kinds.keySet(), links);
        SortedMap<String, DiagramNode> nodes = new TreeMap<>();
        kinds.forEach((id, kind) -> {
            Position saved = t.layout().get(id);
            Position p = saved != null ? saved : auto.get(id);
            String subtitle = subtitle(t, id, kind);
            Namespace ns = kind == NodeKind.NAMESPACE ? t.namespaces().get(id) : null;
            String badge = ns == null || ns.run().isEmpty() ? "" : DiagramNode.runBadge(ns.run().size(), ns.run().size());
            String machine = place == null ? null : switch (kind) {
                case NAMESPACE -> place.ofNamespace(id);
                case BRIDGE -> place.home(id);
                case TUN -> place.ofTun(id);
                case HOST -> null;
            };
            boolean chosen = place != null && (kind == NodeKind.NAMESPACE ? place.automatic(id) : kind == NodeKind.BRIDGE && place.automaticBridge(id));
            nodes.put(id, new DiagramNode(id, kind, p.x(), p.y(), saved != null, id, subtitle, ports.get(id),
                    DiagramNode.widthFor(id, subtitle, ports.get(id), badge), machine, chosen));
        });
        return new Diagram(Spread.apart(nodes), links);
    }

    private static boolean refersToHost(Topology t) {
        for (Veth v : t.veths()) {
            if (v.a() != null && Topology.HOST.equals(v.a().namespace())) return true;
            if (v.b() != null && Topology.HOST.equals(v.b().namespace())) return true;
        }
        return t.layout().containsKey(Topology.HOST);
    }

    /** The node a veth end attaches to: its namespace, or its bridge. */
    static String nodeOf(VethEnd end) {
        if (end == null) return null;
        return end.bridge() != null ? end.bridge() : end.namespace();
    }

    /** Adds a veth end's port to its node; returns its index there, or -1 when the end names no node. */
    private static int addPort(Map<String, List<DiagramNode.Port>> ports, String node, VethEnd end) {
        List<DiagramNode.Port> list = node == null ? null : ports.get(node);
        if (list == null) return -1;
        list.add(new DiagramNode.Port(end.name() == null ? "?" : end.name(), end.addresses()));
        return list.size() - 1;
    }

    private static String subtitle(Topology t, String id, NodeKind kind) {
        return switch (kind) {
            case HOST -> "root namespace";
            case NAMESPACE -> {
                Namespace ns = t.namespaces().get(id);
                yield ns == null || ns.hostname() == null ? t.kernelName(id) : t.kernelName(id) + " · " + ns.hostname();
            }
            case BRIDGE -> {
                Bridge b = t.bridges().get(id);
                yield "bridge in " + (b == null ? Topology.HOST : b.namespaceOrHost());
            }
            case TUN -> {
                Tun u = t.tuns().get(id);
                yield (u == null || u.mode() == null ? "tun" : u.mode().json()) + " in "
                        + (u == null ? Topology.HOST : u.namespaceOrHost());
            }
        };
    }

    /** Smallest rectangle holding every node: {minX, minY, maxX, maxY}; all zero when empty. */
    public double[] bounds() {
        if (nodes.isEmpty()) return new double[] {0, 0, 0, 0};
        double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
        for (DiagramNode n : nodes.values()) {
            minX = Math.min(minX, n.x());
            minY = Math.min(minY, n.y());
            maxX = Math.max(maxX, n.x() + n.width());
            maxY = Math.max(maxY, n.y() + n.height());
        }
        return new double[] {minX, minY, maxX, maxY};
    }

    /** The topmost node at a world point, or null. */
    public DiagramNode nodeAt(double x, double y) {
        DiagramNode hit = null;
        for (DiagramNode n : nodes.values()) if (n.contains(x, y)) hit = n;
        return hit;
    }
}
