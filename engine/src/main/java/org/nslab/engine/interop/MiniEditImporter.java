package org.nslab.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Route;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.problem.JsonPointer;

/**
 * A MiniEdit topology ({@code .mn}, JSON) as a design: hosts become namespaces, switches bridges in {@code host},
 * legacy routers forwarding namespaces, links veth pairs named as Mininet names them ({@code h1-eth0},
 * {@code s1-eth1}: per node, in link order, hosts and routers counting from 0, switches from 1), with the link's
 * {@code bw}/{@code delay}/{@code jitter}/{@code loss}/{@code max_queue_size} as {@code netem} on both ends.
 * Controllers, OpenFlow settings and host options that configure processes are noted.
 */
final class MiniEditImporter extends TreeImporter {
    private static final Set<String> TOP = Set.of("application", "controllers", "hosts", "switches", "links", "version");
    private static final Set<String> NODE = Set.of("number", "opts", "x", "y");
    private static final Set<String> HOST_OPTS = Set.of("hostname", "nodeNum", "ip", "defaultRoute", "sched");
    private static final Set<String> SWITCH_OPTS = Set.of("hostname", "nodeNum", "switchType", "controllers");
    private static final Set<String> LINK = Set.of("src", "dest", "opts");
    private static final Set<String> LINK_OPTS = Set.of("bw", "delay", "jitter", "loss", "max_queue_size");
    private static final Pattern TIME = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*(s|sec|secs|ms|msec|msecs|us|usec|usecs)?\\s*");

    /** A node of the file: its id in the design, whether it is a bridge, and the next port Mininet gives it. */
    private static final class Member {
        final String id;
        final String name;
        final boolean bridge;
        int nextPort;
        DesignBuilder.End first;

        Member(String id, String name, boolean bridge) {
            this.id = id;
            this.name = name;
            this.bridge = bridge;
            this.nextPort = bridge ? 1 : 0;
        }
    }

    private record HostAddress(Member member, String cidr, String pointer) {}

    private final Map<String, Member> members = new HashMap<>();

    MiniEditImporter(SourceTree tree) {
        super(tree, "a MiniEdit topology", root -> root.has("hosts") || root.has("switches"), "a JSON object with hosts, switches and links");
    }

    @Override
    ImportResult read(JsonNode root) throws ImportException {
        String base = tree.source().name();
        String file = base.substring(base.lastIndexOf('/') + 1);
        design.name(file.endsWith(".mn") ? file.substring(0, file.length() - 3) : file, "");
        Fields.noteUnknown(design, root, "", TOP, "MiniEdit setting");
        design.description("Imported from the MiniEdit topology " + file);
        JsonNode app = Fields.mapping(tree, root.get("application"), "/application", "application");
        Cidr ipBase = Cidr.parse("10.0.0.0/8");
        if (app != null) {
            String text = Fields.text(tree, app.get("ipBase"), "/application/ipBase", "ipBase");
            if (text != null) {
                ipBase = Cidr.tryParse(text).filter(c -> c.address().family() == org.nslab.engine.net.Family.IPV4)
                        .orElseThrow(() -> tree.error("/application/ipBase", "ipBase \"" + text + "\" is not an IPv4 network such as 10.0.0.0/8"));
            }
            List<String> others = Fields.keys(app).stream().filter(k -> !k.equals("ipBase")).toList();
            if (!others.isEmpty()) design.note("/application", "MiniEdit application settings are not carried over: " + String.join(", ", others));
        }
        JsonNode controllers = Fields.list(tree, root.get("controllers"), "/controllers", "controllers");
        for (int i = 0; controllers != null && i < controllers.size(); i++) {
            String at = "/controllers/" + i;
            JsonNode opts = controllers.get(i).path("opts");
            design.note(at, "the OpenFlow controller " + opts.path("hostname").asText("c" + i) + " is not carried over; switches become learning Linux bridges");
        }
        JsonNode hosts = Fields.list(tree, root.get("hosts"), "/hosts", "hosts");
        JsonNode switches = Fields.list(tree, root.get("switches"), "/switches", "switches");
        Map<Member, HostAddress> addresses = new java.util.LinkedHashMap<>();
        Map<Member, String[]> defaultRoutes = new java.util.LinkedHashMap<>();
        int hostCount = hosts == null ? 0 : hosts.size();
        for (int i = 0; i < hostCount; i++) {
            String at = "/hosts/" + i;
            JsonNode h = node(hosts.get(i), at, HOST_OPTS, "h");
            JsonNode opts = h.path("opts");
            Member m = member(h, at, "h", false);
            design.namespace(m.id, at);
            String ip = Fields.text(tree, opts.get("ip"), at + "/opts/ip", "ip");
            String cidr;
            if (ip != null && !ip.isBlank()) {
                cidr = ip.contains("/") ? ip : ip + "/" + ipBase.prefixLength();
                if (Cidr.tryParse(cidr).isEmpty()) throw tree.error(at + "/opts/ip", "ip \"" + ip + "\" is not an address");
            } else {
                int num = nodeNum(h, at);
                cidr = add(ipBase, num) + "/" + ipBase.prefixLength();
            }
            addresses.put(m, new HostAddress(m, cidr, at + "/opts/ip"));
            String gw = Fields.text(tree, opts.get("defaultRoute"), at + "/opts/defaultRoute", "defaultRoute");
            if (gw != null && !gw.isBlank()) defaultRoutes.put(m, new String[] {gw.trim(), at + "/opts/defaultRoute"});
        }
        int routers = 0;
        for (int i = 0; switches != null && i < switches.size(); i++) {
            String at = "/switches/" + i;
            JsonNode s = node(switches.get(i), at, SWITCH_OPTS, "s");
            JsonNode opts = s.path("opts");
            String type = Fields.text(tree, opts.get("switchType"), at + "/opts/switchType", "switchType");
            boolean router = "legacyRouter".equals(type);
            Member m = member(s, at, "s", !router);
            if (router) {
                routers++;
                design.namespace(m.id, at).sysctls.put("net.ipv4.ip_forward", "1");
                // Mininet adds a legacy router as a host, after the hosts: it takes the next address of ipBase.
                addresses.put(m, new HostAddress(m, add(ipBase, hostCount + routers) + "/" + ipBase.prefixLength(), at));
            } else {
                design.bridge(m.id, new Bridge(null, null, null, null, null), at);
                if (!"legacySwitch".equals(type)) {
                    design.note(at + "/opts", "switch " + m.name + " (" + (type == null ? "default" : type)
                            + ") is an OpenFlow switch; it becomes a learning Linux bridge, flows from its controller are not carried over");
                }
            }
            position(s, m, at);
        }
        JsonNode links = Fields.list(tree, root.get("links"), "/links", "links");
        for (int i = 0; links != null && i < links.size(); i++) link(links.get(i), "/links/" + i);
        addresses.forEach((m, a) -> {
            if (m.first == null) design.note(a.pointer(), m.name + " has no link, so its address " + a.cidr() + " is not carried over");
            else m.first.addresses.add(a.cidr());
        });
        for (var e : defaultRoutes.entrySet()) defaultRoute(e.getKey(), e.getValue()[0], e.getValue()[1]);
        return design.build();
    }

    private JsonNode node(JsonNode n, String at, Set<String> knownOpts, String prefix) throws ImportException {
        JsonNode node = Fields.mapping(tree, n, at, "a node");
        if (node == null) throw tree.error(at, "a node must be an object with number, opts, x and y");
        Fields.noteUnknown(design, node, at, NODE, "node");
        JsonNode opts = Fields.mapping(tree, node.get("opts"), at + "/opts", "opts");
        if (opts != null) {
            for (String k : Fields.keys(opts)) {
                if (!knownOpts.contains(k) && !(k.equals("sched") && opts.get(k).asText().equals("host"))) {
                    design.note(JsonPointer.child(at + "/opts", k), "option \"" + k + "\" of " + opts.path("hostname").asText(prefix + node.path("number").asText())
                            + " is not carried over");
                }
            }
            String sched = opts.path("sched").asText("host");
            if (!sched.equals("host")) design.note(at + "/opts/sched", "CPU scheduling (" + sched + ") is not carried over");
        }
        return node;
    }

    private Member member(JsonNode node, String at, String prefix, boolean bridge) throws ImportException {
        String name = Fields.text(tree, node.path("opts").get("hostname"), at + "/opts/hostname", "hostname");
        if (name == null) {
            String number = Fields.text(tree, node.get("number"), at + "/number", "number");
            if (number == null) throw tree.error(at, "a node needs opts.hostname or number");
            name = prefix + number;
        }
        if (members.containsKey(name)) throw tree.error(at, "a second node is called " + name);
        Member m = new Member(design.id(name, at), name, bridge);
        members.put(name, m);
        if (!bridge) position(node, m, at);
        return m;
    }

    private int nodeNum(JsonNode node, String at) throws ImportException {
        Integer n = Fields.integer(tree, node.path("opts").get("nodeNum"), at + "/opts/nodeNum", "nodeNum");
        if (n == null) n = Fields.integer(tree, node.get("number"), at + "/number", "number");
        if (n == null) throw tree.error(at, "a host without ip needs a number to derive its address");
        return n;
    }

    private void position(JsonNode node, Member m, String at) throws ImportException {
        Double x = Fields.number(tree, node.get("x"), at + "/x", "x");
        Double y = Fields.number(tree, node.get("y"), at + "/y", "y");
        if (x != null && y != null) design.position(m.id, x, y);
    }

    private void link(JsonNode n, String at) throws ImportException {
        JsonNode link = Fields.mapping(tree, n, at, "a link");
        if (link == null) throw tree.error(at, "a link must be an object with src and dest");
        Fields.noteUnknown(design, link, at, LINK, "link");
        Member src = endpoint(Fields.requiredText(tree, link, "src", at, "the link's first node"), at + "/src");
        Member dst = endpoint(Fields.requiredText(tree, link, "dest", at, "the link's second node"), at + "/dest");
        DesignBuilder.End a = end(src, at);
        DesignBuilder.End b = end(dst, at);
        JsonNode opts = Fields.mapping(tree, link.get("opts"), at + "/opts", "opts");
        Netem netem = opts == null ? null : netem(opts, at + "/opts");
        a.netem = netem;
        b.netem = netem;
        design.veth(a, b, at);
    }

    private Member endpoint(String name, String at) throws ImportException {
        Member m = members.get(name);
        if (m == null) throw tree.error(at, "the link names " + name + ", which is neither a host nor a switch of the file");
        return m;
    }

    private DesignBuilder.End end(Member m, String at) {
        String name = design.ifname(m.name + "-eth" + m.nextPort++, at);
        DesignBuilder.End e = new DesignBuilder.End(m.id, m.bridge, name);
        if (m.first == null) m.first = e;
        return e;
    }

    private Netem netem(JsonNode opts, String at) throws ImportException {
        Fields.noteUnknown(design, opts, at, LINK_OPTS, "link option");
        Double bw = Fields.number(tree, opts.get("bw"), at + "/bw", "bw (Mbit/s)");
        Double loss = Fields.number(tree, opts.get("loss"), at + "/loss", "loss (%)");
        Integer queue = Fields.integer(tree, opts.get("max_queue_size"), at + "/max_queue_size", "max_queue_size");
        Double delay = time(opts.get("delay"), at + "/delay");
        Double jitter = time(opts.get("jitter"), at + "/jitter");
        Long rate = bw == null ? null : Math.max(1L, Math.round(bw * 1000));
        return new Netem(delay, jitter, loss, rate, null, null, null, queue == null ? null : queue.longValue());
    }

    /** A tc time ({@code 5ms}, {@code 100us}, {@code 1s}; a bare number is microseconds, as tc reads it) in milliseconds. */
    Double time(JsonNode n, String at) throws ImportException {
        String text = Fields.text(tree, n, at, "a time");
        if (text == null || text.isBlank()) return null;
        Matcher m = TIME.matcher(text);
        if (!m.matches()) throw tree.error(at, "\"" + text + "\" is not a time such as 10ms");
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "us" : m.group(2);
        return unit.startsWith("s") ? v * 1000 : unit.startsWith("m") ? v : v / 1000;
    }

    private void defaultRoute(Member m, String text, String at) {
        String gw = text.startsWith("via ") ? text.substring(4).trim() : text;
        if (text.startsWith("dev ")) {
            String dev = text.substring(4).trim();
            if (design.end(m.id, dev) == null) {
                design.note(at, "the default route of " + m.name + " names " + dev + ", which is not one of its links; it is not carried over");
                return;
            }
            addRoute(m, new Route("default", null, dev, null), at);
            return;
        }
        if (IpAddress.tryParse(gw).isEmpty()) {
            design.note(at, "the default route \"" + text + "\" of " + m.name + " is not a gateway address; it is not carried over");
            return;
        }
        addRoute(m, new Route("default", gw, null, null), at);
    }

    private void addRoute(Member m, Route r, String at) {
        DesignBuilder.Node node = design.namespace(m.id, at);
        node.routes.add(r);
        node.routeOrigins.add(at);
    }

    /** Mininet's ipAdd: host number {@code i} inside {@code base}. */
    static String add(Cidr base, int i) {
        byte[] b = base.address().toBytes();
        long v = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
        long mask = base.prefixLength() == 0 ? 0 : (0xffffffffL << (32 - base.prefixLength())) & 0xffffffffL;
        long a = (v & mask) | (i & ~mask & 0xffffffffL);
        return ((a >> 24) & 0xff) + "." + ((a >> 16) & 0xff) + "." + ((a >> 8) & 0xff) + "." + (a & 0xff);
    }
}
