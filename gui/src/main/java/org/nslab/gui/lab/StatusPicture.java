package org.nslab.gui.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.gui.canvas.DiagramNode;
import org.nslab.gui.document.ElementRef;

/**
 * What a status report shows on the designer: the state of each node and of each link (by veth index), and the
 * differences as rows. Objects are mapped to canvas elements through the report's kernel object references.
 */
public record StatusPicture(Map<String, NodeState> nodes, Map<Integer, NodeState> links, List<StatusRow> rows,
                            Map<String, String> badges) {
    public static final StatusPicture NONE = new StatusPicture(Map.of(), Map.of(), List.of(), Map.of());

    public StatusPicture {
        badges = Map.copyOf(badges);
        nodes = Map.copyOf(nodes);
        links = Map.copyOf(links);
        rows = List.copyOf(rows);
    }

    public static StatusPicture of(Topology t, StatusReport report) {
        Map<String, NodeState> nodes = CanvasNodes.states(t, report);
        Map<Integer, NodeState> links = new HashMap<>();
        List<StatusRow> rows = new ArrayList<>();
        for (Drift d : report.drifts()) {
            Integer veth = vethOf(t, d.object());
            if (veth != null && report.applied()) {
                boolean gone = d.kind() == Drift.Kind.MISSING
                        && (d.object() instanceof KernelObject.Link || d.object() instanceof KernelObject.VethPair);
                links.merge(veth, gone ? NodeState.MISSING : NodeState.DRIFTED, StatusPicture::worse);
            }
            rows.add(row(t, d, veth));
        }
        if (report.applied()) for (int i = 0; i < t.veths().size(); i++) links.putIfAbsent(i, NodeState.APPLIED);
        return new StatusPicture(nodes, links, rows, runBadges(t, report));
    }

    /**
     * The badges that still hold for design {@code t}, edited since the status: a namespace renamed, removed or
     * given another number of {@code run} entries has no count until the next status or apply.
     */
    public Map<String, String> badgesFor(Topology t) {
        Map<String, String> still = new HashMap<>();
        badges.forEach((id, text) -> {
            var ns = t.namespaces().get(id);
            if (ns != null && text.endsWith("/" + ns.run().size())) still.put(id, text);
        });
        return still;
    }

    /**
     * "run 2/3" for each namespace with {@code run} entries of an applied lab: how many of the design's entries
     * the report has running. Entries past the design's (a design shortened since apply) are not counted.
     */
    static Map<String, String> runBadges(Topology t, StatusReport report) {
        Map<String, String> badges = new HashMap<>();
        if (!report.applied()) return badges;
        t.namespaces().forEach((id, ns) -> {
            if (ns.run().isEmpty()) return;
            long running = report.processes().stream()
                    .filter(p -> id.equals(p.node()) && p.index() < ns.run().size() && p.running()).count();
            badges.put(id, DiagramNode.runBadge((int) running, ns.run().size()));
        });
        return badges;
    }

    private static NodeState worse(NodeState a, NodeState b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static StatusRow row(Topology t, Drift d, Integer veth) {
        String detail = d.detail();
        String expected = switch (d.kind()) {
            case MISSING -> "present";
            case EXTRA -> "absent";
            case DIFFERENT -> "as designed";
        };
        String found = switch (d.kind()) {
            case MISSING -> detail == null ? "missing" : "missing: " + detail;
            case EXTRA -> detail == null ? "present" : "present: " + detail;
            case DIFFERENT -> detail == null ? "different" : detail;
        };
        ElementRef target = veth != null ? new ElementRef.VethRef(veth) : nodeRef(t, CanvasNodes.nodeOf(t, d.object()));
        return new StatusRow(d.kind(), d.object().describe(), expected, found, target);
    }

    private static ElementRef nodeRef(Topology t, String node) {
        if (node == null) return null;
        if (t.bridges().containsKey(node)) return new ElementRef.BridgeRef(node);
        if (t.tuns().containsKey(node)) return new ElementRef.TunRef(node);
        return new ElementRef.NamespaceRef(node);
    }

    /** The veth whose end the object is on (a veth interface, its address or impairment, a route out of it), or null. */
    static Integer vethOf(Topology t, KernelObject object) {
        return switch (object) {
            case KernelObject.Link l -> vethEnd(t, l.netns(), l.ifname());
            case KernelObject.VethPair v -> vethEnd(t, v.a().netns(), v.a().ifname());
            case KernelObject.Address a -> vethEnd(t, a.netns(), a.ifname());
            case KernelObject.Netem q -> vethEnd(t, q.netns(), q.ifname());
            case KernelObject.Route r -> r.dev() == null ? null : vethEnd(t, r.netns(), r.dev());
            default -> null;
        };
    }

    private static Integer vethEnd(Topology t, String netns, String ifname) {
        String ns = CanvasNodes.namespaceOfKernelName(t, netns);
        if (ns == null || ifname == null) return null;
        for (int i = 0; i < t.veths().size(); i++) {
            Veth v = t.veths().get(i);
            for (VethEnd end : new VethEnd[] {v.a(), v.b()}) {
                if (end != null && ifname.equals(end.name()) && ns.equals(end.namespaceIn(t))) return i;
            }
        }
        return null;
    }
}
