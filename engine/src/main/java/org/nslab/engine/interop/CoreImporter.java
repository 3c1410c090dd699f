package org.nslab.engine.interop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Netem;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.MacAddress;

/**
 * A CORE scenario ({@code .xml}) as a design: devices become namespaces (routers forwarding), SWITCH and HUB
 * networks bridges in {@code host}, links veth pairs with their interfaces' names, MACs and addresses, and a
 * link's options (delay and jitter in µs, bandwidth in bit/s, loss and duplicates in %, buffer in packets) as
 * {@code netem}: on both ends, or with {@code unidirectional="1"} on the end of {@code node1} only (what it sends).
 * Services, images, wireless and EMANE networks and session settings are noted.
 */
final class CoreImporter {
    private static final Set<String> READ = Set.of("networks", "devices", "links");
    private static final Set<String> ROUTERS = Set.of("router", "mdr", "prouter");
    private static final Set<String> HOSTS = Set.of("host", "PC", "docker", "lxc", "podman");
    private static final Set<String> OPTIONS = Set.of("delay", "bandwidth", "loss", "dup", "jitter", "unidirectional", "buffer");

    /** A node of the scenario: its design id, or null when it is not carried over. */
    private record Member(String id, String name, boolean bridge) {}

    private final XmlTree xml;
    private final DesignBuilder design;
    private final Map<String, Member> members = new HashMap<>();
    /** Ends of links already read, by the pair of node ids in order, for a unidirectional link's second half. */
    private final Map<String, DesignBuilder.End[]> pairs = new HashMap<>();

    CoreImporter(XmlTree xml) {
        this.xml = xml;
        this.design = new DesignBuilder(xml.source(), xml::place);
    }

    /** The design the scenario describes, with its notes. */
    ImportResult read() throws ImportException {
        XmlTree.Element root = xml.root();
        if (!root.name.equals("scenario")) throw xml.error(root.path, "expected a CORE scenario (<scenario>), found <" + root.name + ">");
        String name = root.attr("name");
        if (name != null && !name.isBlank()) {
            String base = name.replaceAll(".*/", "").replaceAll("\\.xml$", "");
            design.name(base.isEmpty() ? "core" : base, root.path);
        } else {
            String file = xml.source().name().replaceAll(".*/", "").replaceAll("\\.xml$", "");
            design.name(file, root.path);
        }
        design.description("Imported from the CORE scenario " + ClabImporter.fileName(xml.source()));
        for (XmlTree.Element e : root.children) {
            if (!READ.contains(e.name) && !e.children.isEmpty() || !READ.contains(e.name) && !e.attributes.isEmpty()) {
                design.note(e.path, "<" + e.name + "> is not carried over");
            }
        }
        for (XmlTree.Element group : root.all("networks")) for (XmlTree.Element n : group.all("network")) network(n);
        for (XmlTree.Element group : root.all("devices")) for (XmlTree.Element d : group.all("device")) device(d);
        for (XmlTree.Element group : root.all("links")) for (XmlTree.Element l : group.all("link")) link(l);
        return design.build();
    }

    private String required(XmlTree.Element e, String attribute) throws ImportException {
        String v = e.attr(attribute);
        if (v == null || v.isBlank()) throw xml.error(e.path, "<" + e.name + "> needs the attribute " + attribute);
        return v;
    }

    private void register(XmlTree.Element e, Member m) throws ImportException {
        String id = required(e, "id");
        if (members.putIfAbsent(id, m) != null) throw xml.error(e.path, "a second node has the id " + id);
    }

    private void network(XmlTree.Element n) throws ImportException {
        String type = required(n, "type");
        String name = n.attr("name") == null ? "n" + required(n, "id") : n.attr("name");
        if (!type.equals("SWITCH") && !type.equals("HUB")) {
            design.note(n.path, "the " + type + " network " + name + " is not carried over (only SWITCH and HUB are), nor its links");
            register(n, new Member(null, name, true));
            return;
        }
        String id = design.id(name, n.path);
        design.bridge(id, new Bridge(null, null, null, null, null), n.path);
        if (type.equals("HUB")) design.note(n.path, "the hub " + name + " becomes a bridge, which learns where a hub floods");
        register(n, new Member(id, name, true));
        position(n, id);
        noteChildren(n, name);
    }

    private void device(XmlTree.Element d) throws ImportException {
        String name = required(d, "name");
        String type = d.attr("type") == null ? "router" : d.attr("type");
        if (type.equalsIgnoreCase("rj45")) {
            design.note(d.path, "the RJ45 node " + name + " (a real interface of the machine) is not carried over, nor its links");
            register(d, new Member(null, name, false));
            return;
        }
        String id = design.id(name, d.path);
        DesignBuilder.Node node = design.namespace(id, d.path);
        if (ROUTERS.contains(type)) {
            node.sysctls.put("net.ipv4.ip_forward", "1");
            node.sysctlOrigins.put("net.ipv4.ip_forward", d.path);
        } else if (!HOSTS.contains(type)) {
            design.note(d.path, "the device type " + type + " of " + name + " has no meaning here; it becomes a plain namespace");
        }
        String image = d.attr("image");
        if (image != null && !image.isBlank()) design.note(d.path, "the image " + image + " of " + name + " is not carried over");
        register(d, new Member(id, name, false));
        position(d, id);
        noteChildren(d, name);
    }

    private void noteChildren(XmlTree.Element e, String name) {
        for (XmlTree.Element c : e.children) {
            if (c.name.equals("position")) continue;
            if (c.name.equals("services") || c.name.equals("configservices")) {
                List<String> services = c.all("service").stream().map(s -> s.attr("name")).toList();
                if (!services.isEmpty()) design.note(c.path, "the services of " + name + " are not carried over: " + String.join(", ", services));
            } else {
                design.note(c.path, "<" + c.name + "> of " + name + " is not carried over");
            }
        }
    }

    private void position(XmlTree.Element e, String id) throws ImportException {
        XmlTree.Element p = e.first("position");
        if (p == null || p.attr("x") == null || p.attr("y") == null) return;
        try {
            double x = Double.parseDouble(p.attr("x"));
            double y = Double.parseDouble(p.attr("y"));
            if (Double.isFinite(x) && Double.isFinite(y)) design.position(id, x, y);
            else throw new NumberFormatException();
        } catch (NumberFormatException ex) {
            throw xml.error(p.path, "the position must be numbers, found x=\"" + p.attr("x") + "\" y=\"" + p.attr("y") + "\"");
        }
    }

    private void link(XmlTree.Element l) throws ImportException {
        String id1 = required(l, "node1");
        String id2 = required(l, "node2");
        Member m1 = members.get(id1);
        Member m2 = members.get(id2);
        if (m1 == null) throw xml.error(l.path, "node1=\"" + id1 + "\" is no device or network of the scenario");
        if (m2 == null) throw xml.error(l.path, "node2=\"" + id2 + "\" is no device or network of the scenario");
        if (m1.id() == null || m2.id() == null) {
            design.note(l.path, "the link " + m1.name() + " – " + m2.name() + " is not carried over, as " + (m1.id() == null ? m1.name() : m2.name()) + " is not");
            return;
        }
        for (XmlTree.Element c : l.children) {
            if (!Set.of("iface1", "iface2", "options").contains(c.name)) design.note(c.path, "<" + c.name + "> of a link is not carried over");
        }
        XmlTree.Element options = l.first("options");
        Netem netem = options == null ? null : netem(options);
        boolean oneWay = options != null && "1".equals(options.attr("unidirectional"));
        XmlTree.Element if1 = l.first("iface1");
        XmlTree.Element if2 = l.first("iface2");
        DesignBuilder.End[] earlier = pairs.get(id2 + "\u0000" + id1);
        if (oneWay && earlier != null && if1 == null && if2 == null) {
            // The second half of a unidirectional link: what node1 (the earlier link's node2) sends.
            earlier[1].netem = netem;
            return;
        }
        DesignBuilder.End a = end(m1, m2, if1, id1);
        DesignBuilder.End b = end(m2, m1, if2, id2);
        a.netem = netem;
        if (!oneWay) b.netem = netem;
        design.veth(a, b, l.path);
        pairs.put(id1 + "\u0000" + id2, new DesignBuilder.End[] {a, b});
    }

    private DesignBuilder.End end(Member m, Member other, XmlTree.Element iface, String coreId) throws ImportException {
        String ifaceId = iface == null || iface.attr("id") == null ? null : iface.attr("id");
        String name;
        if (iface != null && iface.attr("name") != null && !iface.attr("name").isBlank()) {
            name = design.ifname(iface.attr("name"), iface.path);
        } else if (m.bridge()) {
            name = design.ifname("veth" + coreId + "." + (ifaceId == null ? other.id() : ifaceId), iface == null ? "" : iface.path);
        } else {
            name = "eth" + (ifaceId == null ? design.endsIn(m.id()) : ifaceId);
        }
        DesignBuilder.End e = new DesignBuilder.End(m.id(), m.bridge(), name);
        if (iface == null) return e;
        for (String k : iface.attributes.keySet()) {
            if (!Set.of("id", "name", "mac", "ip4", "ip4_mask", "ip6", "ip6_mask").contains(k)) {
                design.note(iface.path, "the interface attribute " + k + " is not carried over");
            }
        }
        String mac = iface.attr("mac");
        if (mac != null && !mac.isBlank()) {
            if (MacAddress.problem(mac.toLowerCase()).isPresent()) {
                design.note(iface.path, "the MAC address " + mac + " is not a unicast address; it is not carried over");
            } else {
                e.mac = mac.toLowerCase();
            }
        }
        address(e, iface, "ip4", "ip4_mask");
        address(e, iface, "ip6", "ip6_mask");
        return e;
    }

    private void address(DesignBuilder.End e, XmlTree.Element iface, String key, String maskKey) throws ImportException {
        String ip = iface.attr(key);
        if (ip == null || ip.isBlank()) return;
        String mask = iface.attr(maskKey);
        if (mask == null || mask.isBlank()) throw xml.error(iface.path, key + "=\"" + ip + "\" needs " + maskKey);
        String cidr = ip + "/" + mask;
        if (Cidr.tryParse(cidr).isEmpty()) throw xml.error(iface.path, "\"" + cidr + "\" is not an address with a prefix length");
        e.addresses.add(cidr);
    }

    private Netem netem(XmlTree.Element o) throws ImportException {
        for (String k : o.attributes.keySet()) {
            if (!OPTIONS.contains(k) && !isZero(o.attr(k))) design.note(o.path, "the link option " + k + " is not carried over");
        }
        Double delayUs = positive(o, "delay");
        Double jitterUs = positive(o, "jitter");
        Double bps = positive(o, "bandwidth");
        Double loss = positive(o, "loss");
        Double dup = positive(o, "dup");
        Double buffer = positive(o, "buffer");
        return new Netem(delayUs == null ? null : delayUs / 1000, jitterUs == null ? null : jitterUs / 1000, loss,
                bps == null ? null : Math.max(1L, Math.round(bps / 1000)), dup, null, null,
                buffer == null ? null : Math.round(buffer));
    }

    private static boolean isZero(String v) {
        try {
            return Double.parseDouble(v) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A number above 0, or null: CORE writes 0 for "not set". */
    private Double positive(XmlTree.Element o, String key) throws ImportException {
        String v = o.attr(key);
        if (v == null || v.isBlank()) return null;
        try {
            double d = Double.parseDouble(v);
            if (!Double.isFinite(d) || d < 0) throw new NumberFormatException();
            return d == 0 ? null : d;
        } catch (NumberFormatException e) {
            throw xml.error(o.path, "the link option " + key + "=\"" + v + "\" is not a number of 0 or more");
        }
    }

}
