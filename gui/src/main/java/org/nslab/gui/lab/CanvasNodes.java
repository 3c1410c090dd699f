package org.nslab.gui.lab;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.KernelObject;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * Maps the kernel objects a lab service names (namespace kernel names, interfaces in them) back to the canvas
 * nodes they belong to, for the state overlay and for pointing at the node a failure concerns.
 */
final class CanvasNodes {
    private CanvasNodes() {}

    static Map<String, NodeState> allMissing(Topology t) {
        Map<String, NodeState> m = new HashMap<>();
        for (String id : nodeIds(t)) m.put(id, NodeState.MISSING);
        return m;
    }

    /** The overlay for a status report: every node applied, unless a difference concerns it. */
    static Map<String, NodeState> states(Topology t, StatusReport report) {
        if (!report.applied()) return allMissing(t);
        Map<String, NodeState> m = new HashMap<>();
        for (String id : nodeIds(t)) m.put(id, NodeState.APPLIED);
        for (Drift d : report.drifts()) {
            if (d.kind() == Drift.Kind.MISSING) continue;
            String node = nodeOf(t, d.object());
            if (node != null) m.put(node, NodeState.DRIFTED);
        }
        for (Drift d : report.drifts(Drift.Kind.MISSING)) {
            String node = nodeOf(t, d.object());
            if (node == null) continue;
            // A missing namespace, bridge or device is the node itself missing; a missing address or link end drifts it.
            boolean whole = d.object() instanceof KernelObject.Namespace || t.bridges().containsKey(node) || t.tuns().containsKey(node);
            m.put(node, whole ? NodeState.MISSING : NodeState.DRIFTED);
        }
        return m;
    }

    private static List<String> nodeIds(Topology t) {
        List<String> ids = new ArrayList<>(t.namespaces().keySet());
        ids.addAll(t.bridges().keySet());
        ids.addAll(t.tuns().keySet());
        return ids;
    }

    /** The failure as the designer shows it: the message with its first details and problems, and the node concerned. */
    static LabViewModel.Failure failure(Topology t, String action, LabException e) {
        StringBuilder text = new StringBuilder(e.getMessage());
        e.details().stream().limit(6).forEach(d -> text.append("\n").append(d));
        e.problems().stream().limit(6).forEach(p -> text.append("\n").append(p.format()));
        String node = nodeOf(t, e.object());
        if (node == null && !e.problems().isEmpty()) node = nodeOfPointer(t, e.problems().get(0).pointer());
        return new LabViewModel.Failure(action, text.toString(), node, e.guidance());
    }

    /** The node a kernel object belongs to, or null. */
    static String nodeOf(Topology t, KernelObject object) {
        return switch (object) {
            case null -> null;
            case KernelObject.Link l -> nodeOfLink(t, l.netns(), l.ifname());
            case KernelObject.VethPair v -> nodeOfLink(t, v.a().netns(), v.a().ifname());
            case KernelObject.Address a -> nodeOfLink(t, a.netns(), a.ifname());
            case KernelObject.Netem q -> nodeOfLink(t, q.netns(), q.ifname());
            case KernelObject.Lab l -> null;
            default -> namespaceOfKernelName(t, object.netns());
        };
    }

    private static String nodeOfLink(Topology t, String netns, String ifname) {
        String ns = namespaceOfKernelName(t, netns);
        for (var e : t.bridges().entrySet()) {
            if (e.getValue().ifnameOr(e.getKey()).equals(ifname) && e.getValue().namespaceOrHost().equals(ns)) return e.getKey();
        }
        for (var e : t.tuns().entrySet()) {
            if (e.getValue().ifnameOr(e.getKey()).equals(ifname) && e.getValue().namespaceOrHost().equals(ns)) return e.getKey();
        }
        for (Veth v : t.veths()) {
            for (VethEnd end : new VethEnd[] {v.a(), v.b()}) {
                if (end != null && ifname.equals(end.name()) && ns != null && ns.equals(end.namespaceIn(t))) {
                    return end.bridge() != null ? end.bridge() : end.namespace();
                }
            }
        }
        return ns;
    }

    static String namespaceOfKernelName(Topology t, String kernelName) {
        if (kernelName == null) return null;
        if (Topology.HOST.equals(kernelName)) return Topology.HOST;
        for (String id : t.namespaces().keySet()) if (t.kernelName(id).equals(kernelName)) return id;
        return null;
    }

    /** The node a JSON Pointer such as {@code /namespaces/red/routes/0} or {@code /veths/2/a} points into. */
    static String nodeOfPointer(Topology t, String pointer) {
        if (pointer == null) return null;
        String[] parts = pointer.split("/");
        if (parts.length < 3) return null;
        return switch (parts[1]) {
            case "namespaces", "bridges", "tuns" -> parts[2].replace("~1", "/").replace("~0", "~");
            case "veths" -> {
                try {
                    Veth v = t.veths().get(Integer.parseInt(parts[2]));
                    VethEnd end = parts.length > 3 && parts[3].equals("b") ? v.b() : v.a();
                    yield end.bridge() != null ? end.bridge() : end.namespace();
                } catch (RuntimeException e) {
                    yield null;
                }
            }
            default -> null;
        };
    }
}
