package org.nslab.engine.interop;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * A design as a containerlab topology: each namespace a {@code linux} node on a small image whose {@code exec}
 * lines set what the design says (link settings, addresses, routes; sysctls as the node's {@code sysctls}),
 * each bridge a {@code kind: bridge} node (containerlab expects it to exist on the host: the header says how to
 * create it), each veth pair a link, positions as the {@code graph-posX}/{@code graph-posY} labels. What
 * containerlab cannot say from a topology (firewalls, TUN devices, impairments...) is listed in {@code notes} and
 * in the file's header. Importing the result gives the design back, less what the notes name.
 */
public final class ClabExporter {
    /** Small, and its busybox has {@code ip} and {@code sysctl}. */
    public static final String IMAGE = "alpine:3.20";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    /** The topology text and what of the design it does not carry. */
    public record Export(String text, List<String> notes) {
        public Export {
            notes = List.copyOf(notes);
        }
    }

    private ClabExporter() {}

    public static Export export(Topology t) {
        List<String> notes = new ArrayList<>();
        ObjectNode root = NODES.objectNode();
        root.put("name", t.name());
        ObjectNode nodes = NODES.objectNode();
        for (var e : t.namespaces().entrySet()) {
            if (e.getKey().equals(Topology.HOST)) {
                hostNamespace(e.getValue(), notes);
                continue;
            }
            nodes.set(e.getKey(), namespace(t, e.getKey(), e.getValue(), notes));
        }
        for (var e : t.bridges().entrySet()) nodes.set(e.getKey(), bridge(t, e.getKey(), e.getValue(), notes));
        ArrayNode links = NODES.arrayNode();
        for (int i = 0; i < t.veths().size(); i++) links.add(link(t.veths().get(i), i, notes));
        if (!t.tuns().isEmpty()) notes.add("TUN/TAP devices are not exported: " + String.join(", ", t.tuns().keySet()));
        if (!t.checks().isEmpty()) notes.add("checks are not exported (" + t.checks().size() + ")");
        if (t.description() != null) notes.add("the description is not exported");
        if (t.etcHosts() != null) notes.add("etcHosts is not exported (containers keep their own hosts files)");
        ObjectNode topology = NODES.objectNode();
        topology.set("nodes", nodes);
        if (!links.isEmpty()) topology.set("links", links);
        root.set("topology", topology);
        StringBuilder out = new StringBuilder();
        out.append("# containerlab topology of the nslab design \"").append(t.name()).append("\".\n");
        if (!t.bridges().isEmpty()) {
            out.append("# containerlab expects each bridge to exist on the host before deploy; create them with\n");
            for (var e : t.bridges().entrySet()) {
                out.append("#   ip link add ").append(e.getKey()).append(" type bridge && ip link set ").append(e.getKey()).append(" up\n");
            }
        }
        for (String n : notes) out.append("# ").append(n.replace('\n', ' ')).append('\n');
        try {
            out.append(YAML.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values did not serialise", e);
        }
        return new Export(out.toString(), notes);
    }

    private static ObjectNode namespace(Topology t, String id, Namespace ns, List<String> notes) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "linux");
        node.put("image", IMAGE);
        ArrayNode exec = NODES.arrayNode();
        for (Veth v : t.veths()) {
            for (VethEnd end : List.of(v.a(), v.b())) {
                if (!id.equals(end.namespace())) continue;
                boolean linkMtu = sameMtu(v);
                if (end.mtu() != null && !linkMtu) exec.add("ip link set dev " + end.name() + " mtu " + end.mtu());
                for (String a : end.addresses()) exec.add("ip addr add " + a + " dev " + end.name());
                if (end.up() != null) exec.add("ip link set dev " + end.name() + (end.up() ? " up" : " down"));
            }
        }
        for (Route r : ns.routes()) exec.add(route(r));
        if (!exec.isEmpty()) node.set("exec", exec);
        if (!ns.sysctls().isEmpty()) {
            ObjectNode sysctls = NODES.objectNode();
            ns.sysctls().forEach(sysctls::put);
            node.set("sysctls", sysctls);
        }
        labels(t, id, node);
        if (ns.firewall() != null && !ns.firewall().tables().isEmpty() || ns.firewall6() != null && !ns.firewall6().tables().isEmpty()) {
            notes.add("the firewall of " + id + " is not exported");
        }
        if (ns.kernelName() != null) notes.add("the kernel name of " + id + " is not exported (containerlab names its containers)");
        if (ns.hostname() != null) notes.add("the host name of " + id + " is not exported");
        if (!ns.hosts().isEmpty()) notes.add("the hosts entries of " + id + " are not exported");
        if (!ns.run().isEmpty()) notes.add("the processes run in " + id + " are not exported");
        return node;
    }

    private static String route(Route r) {
        boolean six = r.to().contains(":") || r.via() != null && r.via().contains(":");
        return "ip " + (six ? "-6 " : "") + "route add " + r.to() + (r.via() == null ? "" : " via " + r.via())
                + (r.dev() == null ? "" : " dev " + r.dev()) + (r.metric() == null ? "" : " metric " + r.metric());
    }

    private static void hostNamespace(Namespace host, List<String> notes) {
        if (!host.routes().isEmpty()) notes.add("routes of host are not exported");
        if (!host.sysctls().isEmpty()) notes.add("sysctls of host are not exported");
        if (host.firewall() != null || host.firewall6() != null) notes.add("the firewall of host is not exported");
    }

    private static ObjectNode bridge(Topology t, String id, Bridge b, List<String> notes) {
        ObjectNode node = NODES.objectNode();
        node.put("kind", "bridge");
        labels(t, id, node);
        if (b.namespace() != null && !b.namespace().equals(Topology.HOST)) {
            notes.add("bridge " + id + " lives in namespace " + b.namespace() + "; containerlab bridges live in the host, so it is exported as one");
        }
        if (b.ifname() != null && !b.ifname().equals(id)) notes.add("the interface name " + b.ifname() + " of bridge " + id + " is not exported");
        if (!b.addresses().isEmpty()) notes.add("the addresses of bridge " + id + " are not exported");
        if (b.mtu() != null) notes.add("the mtu of bridge " + id + " is not exported");
        if (b.stp() != null) notes.add("the stp setting of bridge " + id + " is not exported");
        return node;
    }

    private static void labels(Topology t, String id, ObjectNode node) {
        Position p = t.layout().get(id);
        if (p == null) return;
        ObjectNode labels = NODES.objectNode();
        labels.put("graph-posX", number(p.x()));
        labels.put("graph-posY", number(p.y()));
        node.set("labels", labels);
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static boolean sameMtu(Veth v) {
        return v.a().mtu() != null && Objects.equals(v.a().mtu(), v.b().mtu());
    }

    private static ObjectNode link(Veth v, int index, List<String> notes) {
        ObjectNode link = NODES.objectNode();
        boolean structured = v.a().mac() != null || v.b().mac() != null;
        ArrayNode endpoints = NODES.arrayNode();
        for (VethEnd end : List.of(v.a(), v.b())) {
            String node = end.bridge() != null ? end.bridge() : end.namespace();
            if (structured) {
                ObjectNode e = NODES.objectNode();
                e.put("node", node);
                e.put("interface", end.name());
                if (end.mac() != null) e.put("mac", end.mac());
                endpoints.add(e);
            } else {
                endpoints.add(node + ":" + end.name());
            }
            if (end.netem() != null) notes.add("the netem of " + node + ":" + end.name() + " is not exported (containerlab sets impairments at run time: containerlab tools netem set)");
            boolean inNamespace = end.namespace() != null && !end.namespace().equals(Topology.HOST);
            if (!inNamespace && end.mtu() != null && !sameMtu(v)) notes.add("the mtu of " + node + ":" + end.name() + " is not exported");
            if (!inNamespace && (!end.addresses().isEmpty() || end.up() != null)) {
                notes.add("the addresses and state of " + node + ":" + end.name() + " are not exported");
            }
        }
        if (structured) link.put("type", "veth");
        if (sameMtu(v)) link.put("mtu", v.a().mtu());
        link.set("endpoints", endpoints);
        return link;
    }

}
