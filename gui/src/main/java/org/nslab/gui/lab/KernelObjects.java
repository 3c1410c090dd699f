package org.nslab.gui.lab;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * Maps the kernel objects the helper names ({@code namespace lab-red}, {@code link eth0 in lab-red}) back to the
 * canvas nodes they belong to, for the state overlay and for pointing at the object an error concerns.
 */
final class KernelObjects {
    private static final Pattern NAMESPACE = Pattern.compile("namespace (\\S+)");
    private static final Pattern LINK = Pattern.compile("link (\\S+) in (?:ns )?(\\S+)");

    private KernelObjects() {}

    static Map<String, LabControl.NodeState> allMissing(Topology t) {
        Map<String, LabControl.NodeState> m = new HashMap<>();
        for (String id : nodeIds(t)) m.put(id, LabControl.NodeState.MISSING);
        return m;
    }

    static Map<String, LabControl.NodeState> states(Topology t, List<String> missing, List<String> different) {
        Map<String, LabControl.NodeState> m = new HashMap<>();
        for (String id : nodeIds(t)) m.put(id, LabControl.NodeState.APPLIED);
        for (String d : different) {
            String node = nodeOf(t, d);
            if (node != null) m.put(node, LabControl.NodeState.DRIFTED);
        }
        for (String d : missing) {
            String node = nodeOf(t, d);
            if (node == null) continue;
            // A missing namespace, bridge or device is the node itself missing; a missing address or link end drifts it.
            boolean whole = d.startsWith("namespace ") || t.bridges().containsKey(node) || t.tuns().containsKey(node);
            m.put(node, whole ? LabControl.NodeState.MISSING : LabControl.NodeState.DRIFTED);
        }
        return m;
    }

    private static List<String> nodeIds(Topology t) {
        java.util.ArrayList<String> ids = new java.util.ArrayList<>(t.namespaces().keySet());
        ids.addAll(t.bridges().keySet());
        ids.addAll(t.tuns().keySet());
        return ids;
    }

    /** The node a message's kernel object belongs to, or null. */
    static String nodeOf(Topology t, String text) {
        if (text == null) return null;
        Matcher link = LINK.matcher(text);
        if (link.find()) {
            String ifname = link.group(1), netns = link.group(2);
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
        Matcher namespace = NAMESPACE.matcher(text);
        if (namespace.find()) return namespaceOfKernelName(t, namespace.group(1));
        return null;
    }

    private static String namespaceOfKernelName(Topology t, String kernelName) {
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
