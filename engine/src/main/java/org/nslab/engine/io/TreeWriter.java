package org.nslab.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Machine;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.model.Vxlan;

/**
 * The model as a JSON tree in canonical form: absent values and empty optional collections are left out,
 * and fields that may be a number or text (ports, protocols, ICMP types, marks, owners) are written as a
 * JSON number when they are a plain decimal, so {@code "dport": 80} but {@code "dport": "8000:8080"}.
 */
final class TreeWriter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Decimal without a leading zero, small enough to read back as the same text. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("0|[1-9][0-9]{0,8}");

    private TreeWriter() {}

    static ObjectNode topology(Topology t) {
        ObjectNode o = NODES.objectNode();
        text(o, "format", t.format());
        text(o, "name", t.name());
        text(o, "description", t.description());
        map(o, "namespaces", t.namespaces(), TreeWriter::namespace);
        map(o, "bridges", t.bridges(), TreeWriter::bridge);
        map(o, "tuns", t.tuns(), TreeWriter::tun);
        list(o, "veths", t.veths(), TreeWriter::veth);
        list(o, "checks", t.checks(), TreeWriter::check);
        map(o, "layout", t.layout(), TreeWriter::position);
        if (t.etcHosts() != null) o.put("etcHosts", t.etcHosts());
        map(o, "machines", t.machines(), TreeWriter::machine);
        list(o, "vxlans", t.vxlans(), TreeWriter::vxlan);
        return o;
    }

    private static JsonNode vxlan(Vxlan x) {
        ObjectNode o = (ObjectNode) end(x.end());
        if (x.vni() != null) o.put("vni", x.vni());
        text(o, "local", x.local());
        list(o, "remotes", x.remotes(), NODES::textNode);
        if (x.port() != null) o.put("port", x.port());
        return o;
    }

    private static JsonNode machine(Machine m) {
        ObjectNode o = NODES.objectNode();
        text(o, "helper", m.helper());
        text(o, "underlay", m.underlay());
        if (m.vxlanPort() != null) o.put("vxlanPort", m.vxlanPort());
        if (m.mtu() != null) o.put("mtu", m.mtu());
        if (m.weight() != null) o.put("weight", m.weight());
        return o;
    }

    private static JsonNode namespace(Namespace n) {
        ObjectNode o = NODES.objectNode();
        map(o, "sysctls", n.sysctls(), NODES::textNode);
        list(o, "routes", n.routes(), TreeWriter::route);
        firewall(o, "firewall", n.firewall());
        firewall(o, "firewall6", n.firewall6());
        text(o, "kernelName", n.kernelName());
        text(o, "hostname", n.hostname());
        map(o, "hosts", n.hosts(), TreeWriter::texts);
        list(o, "run", n.run(), TreeWriter::texts);
        text(o, "machine", n.machine());
        return o;
    }

    /** An argv or a list of addresses: kept whole, even when empty, so the file says what the model holds. */
    private static JsonNode texts(List<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    private static JsonNode route(Route r) {
        ObjectNode o = NODES.objectNode();
        text(o, "to", r.to());
        text(o, "via", r.via());
        text(o, "dev", r.dev());
        if (r.metric() != null) o.put("metric", r.metric());
        return o;
    }

    private static void firewall(ObjectNode parent, String key, Firewall f) {
        if (f == null || f.isEmpty()) return;
        ObjectNode tables = parent.putObject(key);
        f.tables().forEach((table, chains) -> {
            ObjectNode c = tables.putObject(table);
            chains.forEach((name, chain) -> c.set(name, chain(chain)));
        });
    }

    private static JsonNode chain(Chain c) {
        ObjectNode o = NODES.objectNode();
        text(o, "policy", c.policy());
        list(o, "rules", c.rules(), TreeWriter::rule);
        return o;
    }

    private static JsonNode rule(Rule r) {
        ObjectNode o = NODES.objectNode();
        numberOrText(o, "proto", r.proto());
        text(o, "source", r.source());
        text(o, "destination", r.destination());
        text(o, "in", r.in());
        text(o, "out", r.out());
        numberOrText(o, "sport", r.sport());
        numberOrText(o, "dport", r.dport());
        list(o, "state", r.state(), NODES::textNode);
        numberOrText(o, "icmpType", r.icmpType());
        list(o, "not", r.not(), NODES::textNode);
        text(o, "target", r.target());
        text(o, "toSource", r.toSource());
        text(o, "toDestination", r.toDestination());
        numberOrText(o, "toPorts", r.toPorts());
        text(o, "rejectWith", r.rejectWith());
        text(o, "logPrefix", r.logPrefix());
        numberOrText(o, "setMark", r.setMark());
        text(o, "comment", r.comment());
        return o;
    }

    private static JsonNode bridge(Bridge b) {
        ObjectNode o = NODES.objectNode();
        text(o, "namespace", b.namespace());
        text(o, "ifname", b.ifname());
        list(o, "addresses", b.addresses(), NODES::textNode);
        if (b.mtu() != null) o.put("mtu", b.mtu());
        if (b.stp() != null) o.put("stp", b.stp());
        text(o, "machine", b.machine());
        if (b.vni() != null) o.put("vni", b.vni());
        return o;
    }

    private static JsonNode tun(Tun t) {
        ObjectNode o = NODES.objectNode();
        text(o, "namespace", t.namespace());
        if (t.mode() != null) o.put("mode", t.mode().json());
        text(o, "ifname", t.ifname());
        list(o, "addresses", t.addresses(), NODES::textNode);
        numberOrText(o, "owner", t.owner());
        numberOrText(o, "group", t.group());
        if (t.multiQueue() != null) o.put("multiQueue", t.multiQueue());
        if (t.up() != null) o.put("up", t.up());
        return o;
    }

    private static JsonNode veth(Veth v) {
        ObjectNode o = NODES.objectNode();
        if (v.a() != null) o.set("a", end(v.a()));
        if (v.b() != null) o.set("b", end(v.b()));
        if (v.vni() != null) o.put("vni", v.vni());
        return o;
    }

    private static JsonNode end(VethEnd e) {
        ObjectNode o = NODES.objectNode();
        text(o, "namespace", e.namespace());
        text(o, "bridge", e.bridge());
        text(o, "name", e.name());
        list(o, "addresses", e.addresses(), NODES::textNode);
        text(o, "mac", e.mac());
        if (e.mtu() != null) o.put("mtu", e.mtu());
        if (e.up() != null) o.put("up", e.up());
        if (e.netem() != null && !e.netem().isEmpty()) o.set("netem", netem(e.netem()));
        text(o, "machine", e.machine());
        return o;
    }

    private static JsonNode netem(Netem n) {
        ObjectNode o = NODES.objectNode();
        number(o, "delayMs", n.delayMs());
        number(o, "jitterMs", n.jitterMs());
        number(o, "lossPercent", n.lossPercent());
        if (n.rateKbit() != null) o.put("rateKbit", n.rateKbit());
        number(o, "duplicatePercent", n.duplicatePercent());
        number(o, "corruptPercent", n.corruptPercent());
        number(o, "reorderPercent", n.reorderPercent());
        if (n.limitPackets() != null) o.put("limitPackets", n.limitPackets());
        return o;
    }

    private static void number(ObjectNode o, String key, Double value) {
        if (value != null) o.set(key, coordinate(value));
    }

    private static JsonNode check(Check c) {
        ObjectNode o = NODES.objectNode();
        text(o, "from", c.from());
        text(o, "to", c.to());
        text(o, "proto", c.proto());
        if (c.port() != null) o.put("port", c.port());
        text(o, "expect", c.expect());
        return o;
    }

    /** Whole coordinates are written without a fraction ({@code 120}, not {@code 120.0}). */
    private static JsonNode position(Position p) {
        ObjectNode o = NODES.objectNode();
        o.set("x", coordinate(p.x()));
        o.set("y", coordinate(p.y()));
        return o;
    }

    private static JsonNode coordinate(double v) {
        if (!Double.isFinite(v)) throw new IllegalArgumentException("a canvas position is not a finite number: " + v);
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return NODES.numberNode((long) v);
        return NODES.numberNode(v);
    }

    private static void text(ObjectNode o, String key, String value) {
        if (value != null) o.put(key, value);
    }

    private static void numberOrText(ObjectNode o, String key, String value) {
        if (value == null) return;
        if (PLAIN_NUMBER.matcher(value).matches()) o.put(key, Integer.parseInt(value));
        else o.put(key, value);
    }

    private static <T> void map(ObjectNode o, String key, Map<String, T> values, java.util.function.Function<T, JsonNode> f) {
        if (values.isEmpty()) return;
        ObjectNode m = o.putObject(key);
        values.forEach((k, v) -> m.set(k, f.apply(v)));
    }

    private static <T> void list(ObjectNode o, String key, List<T> values, java.util.function.Function<T, JsonNode> f) {
        if (values.isEmpty()) return;
        ArrayNode a = o.putArray(key);
        values.forEach(v -> a.add(f.apply(v)));
    }
}
