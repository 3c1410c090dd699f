package org.nslab.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.JsonPointer;

/**
 * A containerlab topology ({@code .clab.yml}) as a design: {@code linux} nodes become namespaces, {@code bridge}
 * nodes bridges in {@code host}, veth links veth pairs; {@code defaults}, {@code kinds} and {@code groups} are
 * resolved as containerlab does (node, then group, then kind, then defaults); the nodes' {@code exec} lines give
 * addresses, routes, link settings and sysctls; positions come from the annotations file beside it. What only a
 * container has (images, binds, ports, start-up configs...) is noted.
 */
final class ClabImporter extends TreeImporter {
    private static final Set<String> TOP = Set.of("name", "topology");
    private static final Set<String> TOPOLOGY = Set.of("nodes", "links", "defaults", "kinds", "groups");
    private static final Set<String> LINK = Set.of("endpoints", "type", "mtu");
    private static final Set<String> HOST_LINK = Set.of("endpoint", "host-interface", "type", "mtu");
    private static final Set<String> ENDPOINT = Set.of("node", "interface", "mac");
    /** Keys a node's properties may carry that the importer reads; every other key is noted. */
    private static final Set<String> READ = Set.of("kind", "group", "image", "exec", "labels", "sysctls");

    /** One node property as resolved, with where it was written. */
    private record Prop(JsonNode value, String pointer) {}

    private record Target(String id, String kind, String pointer) {}

    private final Map<String, Target> targets = new HashMap<>();

    ClabImporter(SourceTree tree) {
        super(tree, "a containerlab topology", root -> true, "a mapping with name and topology");
    }

    @Override
    ImportResult read(JsonNode root) throws ImportException {
        design.name(Fields.requiredText(tree, root, "name", "", "the lab's name"), "/name");
        Fields.noteUnknown(design, root, "", TOP, "containerlab setting");
        design.description("Imported from the containerlab topology " + fileName(tree.source()));
        JsonNode topology = Fields.mapping(tree, root.get("topology"), "/topology", "topology");
        if (topology == null) throw tree.error("", "missing topology: the nodes and links of the lab");
        Fields.noteUnknown(design, topology, "/topology", TOPOLOGY, "topology setting");
        JsonNode defaults = Fields.mapping(tree, topology.get("defaults"), "/topology/defaults", "defaults");
        JsonNode kinds = Fields.mapping(tree, topology.get("kinds"), "/topology/kinds", "kinds");
        JsonNode groups = Fields.mapping(tree, topology.get("groups"), "/topology/groups", "groups");
        JsonNode nodes = Fields.mapping(tree, topology.get("nodes"), "/topology/nodes", "nodes");
        Map<String, Map<String, Prop>> resolved = new LinkedHashMap<>();
        for (String name : Fields.keys(nodes)) {
            String at = JsonPointer.of("topology", "nodes", name);
            Map<String, Prop> props = resolve(name, nodes.get(name), at, defaults, kinds, groups);
            resolved.put(name, props);
            node(name, props, at);
        }
        JsonNode links = Fields.list(tree, topology.get("links"), "/topology/links", "links");
        if (links != null) for (int i = 0; i < links.size(); i++) link(links.get(i), JsonPointer.of("topology", "links", i));
        for (var e : resolved.entrySet()) exec(e.getKey(), e.getValue());
        annotations();
        return design.build();
    }

    /** A node's properties: defaults, then its kind's, then its group's, then its own, each later one winning. */
    private Map<String, Prop> resolve(String name, JsonNode node, String at, JsonNode defaults, JsonNode kinds, JsonNode groups)
            throws ImportException {
        JsonNode own = Fields.mapping(tree, node, at, "node " + name);
        String groupName = Fields.text(tree, own == null ? null : own.get("group"), at + "/group", "group");
        JsonNode group = null;
        if (groupName != null) {
            group = groups == null ? null : groups.get(groupName);
            if (group == null) throw tree.error(at + "/group", "node " + name + " names group \"" + groupName + "\", which topology.groups does not define");
            group = Fields.mapping(tree, group, JsonPointer.of("topology", "groups", groupName), "group " + groupName);
        }
        String kind = firstText(own, group, defaults, "kind", at, groupName);
        if (kind == null) throw tree.error(at, "node " + name + " has no kind (set it on the node, its group or topology.defaults)");
        JsonNode kindProps = kinds == null ? null : Fields.mapping(tree, kinds.get(kind), JsonPointer.of("topology", "kinds", kind), "kind " + kind);
        Map<String, Prop> props = new LinkedHashMap<>();
        layer(props, defaults, "/topology/defaults");
        layer(props, kindProps, JsonPointer.of("topology", "kinds", kind));
        layer(props, group, groupName == null ? null : JsonPointer.of("topology", "groups", groupName));
        layer(props, own, at);
        props.put("kind", props.getOrDefault("kind", new Prop(com.fasterxml.jackson.databind.node.TextNode.valueOf(kind), at)));
        return props;
    }

    private String firstText(JsonNode own, JsonNode group, JsonNode defaults, String key, String at, String groupName)
            throws ImportException {
        if (own != null && own.hasNonNull(key)) return Fields.text(tree, own.get(key), at + "/" + key, key);
        if (group != null && group.hasNonNull(key)) return Fields.text(tree, group.get(key), JsonPointer.of("topology", "groups", groupName, key), key);
        if (defaults != null && defaults.hasNonNull(key)) return Fields.text(tree, defaults.get(key), "/topology/defaults/" + key, key);
        return null;
    }

    private static void layer(Map<String, Prop> props, JsonNode level, String pointer) {
        if (level == null) return;
        for (String k : Fields.keys(level)) {
            JsonNode v = level.get(k);
            Prop before = props.get(k);
            // Maps of settings merge key by key; everything else is replaced by the nearer level.
            if ((k.equals("sysctls") || k.equals("labels")) && before != null && before.value().isObject() && v.isObject()) {
                var merged = before.value().deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) merged).setAll((com.fasterxml.jackson.databind.node.ObjectNode) v);
                props.put(k, new Prop(merged, JsonPointer.child(pointer, k)));
            } else {
                props.put(k, new Prop(v, JsonPointer.child(pointer, k)));
            }
        }
    }

    private void node(String name, Map<String, Prop> props, String at) throws ImportException {
        Prop kindProp = props.get("kind");
        String kind = Fields.text(tree, kindProp.value(), kindProp.pointer(), "kind");
        switch (kind) {
            case "host" -> {
                targets.put(name, new Target(Topology.HOST, kind, at));
                return;
            }
            case "ext-container" -> {
                design.note(at, "node " + name + " (kind ext-container) is a container outside the lab; it and its links are not carried over");
                targets.put(name, new Target(null, kind, at));
                return;
            }
            default -> { }
        }
        String id = design.id(name, at);
        boolean bridge = kind.equals("bridge") || kind.equals("ovs-bridge");
        if (bridge) {
            // containerlab expects the bridge to exist under the node's name; keep that name as the interface's.
            String ifname = org.nslab.engine.net.InterfaceName.isValid(name) ? name : design.ifname(name, at);
            design.bridge(id, new Bridge(null, ifname.equals(id) ? null : ifname, null, null, null), at);
            if (kind.equals("ovs-bridge")) design.note(kindProp.pointer(), "node " + name + " is an Open vSwitch bridge; it becomes a Linux bridge");
        } else {
            design.namespace(id, at);
            if (!kind.equals("linux")) {
                design.note(kindProp.pointer(), "node " + name + " is of kind " + kind + " (a network OS in a container); it becomes a plain namespace, its configuration is not carried over");
            }
        }
        targets.put(name, new Target(id, kind, at));
        Prop image = props.get("image");
        if (image != null && !bridge) {
            design.note(image.pointer(), "node " + name + ": the container image " + image.value().asText() + " is not carried over; the node is a network namespace of this machine");
        }
        for (var e : props.entrySet()) {
            if (!READ.contains(e.getKey())) {
                design.noteOnce(e.getValue().pointer(), "node " + name + ": \"" + e.getKey() + "\" is not carried over (it configures the container)");
            }
        }
        Prop sysctls = props.get("sysctls");
        if (sysctls != null) {
            JsonNode map = Fields.mapping(tree, sysctls.value(), sysctls.pointer(), "sysctls");
            for (String key : Fields.keys(map)) {
                String p = JsonPointer.child(sysctls.pointer(), key);
                String value = Fields.text(tree, map.get(key), p, "sysctl " + key);
                if (bridge || !key.matches("net(\\.[A-Za-z0-9_-]+)+")) {
                    design.note(p, "node " + name + ": sysctl " + key + " is not carried over (only net.* of a namespace)");
                    continue;
                }
                DesignBuilder.Node n = design.namespace(id, at);
                n.sysctls.put(key, value);
                n.sysctlOrigins.put(key, p);
            }
        }
        Prop labels = props.get("labels");
        if (labels != null) {
            JsonNode map = Fields.mapping(tree, labels.value(), labels.pointer(), "labels");
            Double x = Fields.number(tree, map == null ? null : map.get("graph-posX"), labels.pointer() + "/graph-posX", "graph-posX");
            Double y = Fields.number(tree, map == null ? null : map.get("graph-posY"), labels.pointer() + "/graph-posY", "graph-posY");
            if (x != null && y != null) design.position(id, x, y);
            for (String k : Fields.keys(map)) {
                if (!k.equals("graph-posX") && !k.equals("graph-posY")) {
                    design.noteOnce(JsonPointer.child(labels.pointer(), k), "node " + name + ": label \"" + k + "\" is not carried over");
                }
            }
        }
    }

    private void link(JsonNode link, String at) throws ImportException {
        JsonNode l = Fields.mapping(tree, link, at, "a link");
        if (l == null) throw tree.error(at, "a link must be a mapping with endpoints");
        String type = Fields.text(tree, l.get("type"), at + "/type", "link type");
        Integer mtu = Fields.integer(tree, l.get("mtu"), at + "/mtu", "mtu");
        DesignBuilder.End a;
        DesignBuilder.End b;
        if (type == null || type.equals("veth")) {
            Fields.noteUnknown(design, l, at, LINK, "link");
            JsonNode endpoints = Fields.list(tree, l.get("endpoints"), at + "/endpoints", "endpoints");
            if (endpoints == null || endpoints.size() != 2) throw tree.error(at, "a veth link needs exactly two endpoints");
            a = endpoint(endpoints.get(0), at + "/endpoints/0", type != null);
            b = endpoint(endpoints.get(1), at + "/endpoints/1", type != null);
        } else if (type.equals("host")) {
            Fields.noteUnknown(design, l, at, HOST_LINK, "link");
            a = endpoint(l.get("endpoint"), at + "/endpoint", true);
            String hostIf = Fields.requiredText(tree, l, "host-interface", at, "the interface's name in the host");
            b = a == null ? null : new DesignBuilder.End(Topology.HOST, false, design.ifname(hostIf, at + "/host-interface"));
        } else {
            design.note(at + "/type", "a link of type " + type + " is not carried over (only veth and host links are)");
            return;
        }
        if (a == null || b == null) return;
        if (mtu != null) {
            a.mtu = mtu;
            b.mtu = mtu;
        }
        design.veth(a, b, at);
    }

    /** One end of a link, brief ({@code "node:iface"}) or structured; null when its node is not carried over. */
    private DesignBuilder.End endpoint(JsonNode n, String at, boolean structured) throws ImportException {
        String node;
        String iface;
        String mac = null;
        if (structured && n != null && n.isObject()) {
            Fields.noteUnknown(design, n, at, ENDPOINT, "endpoint");
            node = Fields.requiredText(tree, n, "node", at, "the endpoint's node");
            iface = Fields.requiredText(tree, n, "interface", at, "the endpoint's interface");
            mac = Fields.text(tree, n.get("mac"), at + "/mac", "mac");
        } else {
            String text = Fields.text(tree, n, at, "an endpoint");
            int colon = text == null ? -1 : text.indexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw tree.error(at, "expected an endpoint \"node:interface\", found " + Fields.describe(n));
            }
            node = text.substring(0, colon);
            iface = text.substring(colon + 1);
        }
        String ifname = design.ifname(iface, at);
        DesignBuilder.End end;
        if (node.equals("host")) {
            end = new DesignBuilder.End(Topology.HOST, false, ifname);
        } else if (node.equals("mgmt-net") || node.equals("macvlan") || node.equals("macvtap")) {
            design.note(at, "an endpoint on " + node + " is not carried over; the link is left out");
            return null;
        } else {
            Target target = targets.get(node);
            if (target == null) throw tree.error(at, "the endpoint names node \"" + node + "\", which topology.nodes does not define");
            if (target.id() == null) {
                design.note(at, "the link to " + node + " is not carried over, as that node is not");
                return null;
            }
            end = new DesignBuilder.End(target.id(), design.isBridge(target.id()), ifname);
        }
        if (mac != null) end.mac = mac.toLowerCase();
        return end;
    }

    private void exec(String name, Map<String, Prop> props) throws ImportException {
        Prop exec = props.get("exec");
        if (exec == null) return;
        JsonNode lines = Fields.list(tree, exec.value(), exec.pointer(), "exec");
        Target target = targets.get(name);
        for (int i = 0; lines != null && i < lines.size(); i++) {
            String at = JsonPointer.child(exec.pointer(), i);
            String line = Fields.text(tree, lines.get(i), at, "an exec line");
            if (line == null) throw tree.error(at, "an exec line must be text");
            if (target.id() == null || design.isBridge(target.id())) {
                design.note(at, "exec line of " + name + " is not carried over (the node is not a namespace): " + line);
                continue;
            }
            ExecLines.apply(design, target.id(), line, at);
        }
    }

    static String fileName(Source source) {
        String n = source.name();
        return n.substring(n.lastIndexOf('/') + 1);
    }

    /** Positions from the annotations file containerlab's editors write beside the topology. */
    private void annotations() throws ImportException {
        Path folder = tree.source().folder();
        if (folder == null) return;
        Path file = folder.resolve(Path.of(tree.source().name()).getFileName() + ".annotations.json");
        if (!Files.isRegularFile(file)) return;
        String text;
        try {
            if (Files.size(file) > Importers.MAX_BYTES) throw new ImportException(new Source(file.toString(), "", null).problem(1, 1, "", "the annotations file is too large"));
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ImportException(new Source(file.toString(), "", null).problem(1, 1, "", "cannot read the annotations file: " + e.getMessage()));
        }
        SourceTree notes = SourceTree.json(new Source(file.toString(), text, null));
        DesignBuilder here = new DesignBuilder(notes);
        JsonNode root = Fields.mapping(notes, notes.root(), "", "annotations");
        if (root == null) return;
        JsonNode list = Fields.list(notes, root.get("nodeAnnotations"), "/nodeAnnotations", "nodeAnnotations");
        for (int i = 0; list != null && i < list.size(); i++) {
            String at = "/nodeAnnotations/" + i;
            JsonNode a = Fields.mapping(notes, list.get(i), at, "a node annotation");
            if (a == null) continue;
            String name = Fields.text(notes, a.get("id"), at + "/id", "id");
            JsonNode pos = Fields.mapping(notes, a.get("position"), at + "/position", "position");
            Target target = name == null ? null : targets.get(name);
            if (pos == null || target == null || target.id() == null || target.id().equals(Topology.HOST)) continue;
            Double x = Fields.number(notes, pos.get("x"), at + "/position/x", "x");
            Double y = Fields.number(notes, pos.get("y"), at + "/position/y", "y");
            if (x != null && y != null) design.position(target.id(), x, y);
        }
        for (String k : Fields.keys(root)) {
            JsonNode v = root.get(k);
            if (!k.equals("nodeAnnotations") && !(v.isContainerNode() && v.isEmpty())) {
                here.note("/" + k, "annotations \"" + k + "\" are not carried over");
            }
        }
        here.notes().forEach(design::noteFrom);
    }
}
