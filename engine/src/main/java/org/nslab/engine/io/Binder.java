package org.nslab.engine.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
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
import org.nslab.engine.model.TunMode;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.model.Vxlan;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.problem.Suggest;
import org.nslab.engine.problem.Texts;

/**
 * Binds a JSON tree to the model, collecting every unknown key and every wrong type instead of stopping at
 * the first. A value of the wrong type is bound as absent (or as an empty element, so that list indices keep
 * matching the file); the loader then drops validation problems below a place that already has one.
 */
final class Binder {
    static final SequencedSet<String> TOP = keys("format", "name", "description", "namespaces", "bridges", "tuns", "veths", "checks", "layout", "etcHosts", "machines", "vxlans");
    static final SequencedSet<String> NAMESPACE = keys("sysctls", "routes", "firewall", "firewall6", "kernelName", "hostname", "hosts", "run", "machine");
    static final SequencedSet<String> ROUTE = keys("to", "via", "dev", "metric");
    static final SequencedSet<String> CHAIN = keys("policy", "rules");
    static final SequencedSet<String> RULE = keys("proto", "source", "destination", "in", "out", "sport", "dport", "state",
            "icmpType", "not", "target", "toSource", "toDestination", "toPorts", "rejectWith", "logPrefix", "setMark", "comment");
    static final SequencedSet<String> BRIDGE = keys("namespace", "ifname", "addresses", "mtu", "stp", "machine", "vni");
    static final SequencedSet<String> TUN = keys("namespace", "mode", "ifname", "addresses", "owner", "group", "multiQueue", "up");
    static final SequencedSet<String> VETH = keys("a", "b", "vni");
    static final SequencedSet<String> END = keys("namespace", "bridge", "name", "addresses", "mac", "mtu", "up", "netem", "machine");
    static final SequencedSet<String> VXLAN = keys("namespace", "bridge", "name", "addresses", "mac", "mtu", "up", "vni", "local",
            "remotes", "port", "netem");
    static final SequencedSet<String> MACHINE = keys("helper", "underlay", "vxlanPort", "mtu", "weight");
    static final SequencedSet<String> NETEM = keys("delayMs", "jitterMs", "lossPercent", "rateKbit", "duplicatePercent",
            "corruptPercent", "reorderPercent", "limitPackets");
    static final SequencedSet<String> CHECK = keys("from", "to", "proto", "port", "expect");
    static final SequencedSet<String> POSITION = keys("x", "y");

    private final List<Problem> problems = new ArrayList<>();

    static Topology bind(JsonNode root, List<Problem> problems) {
        Binder b = new Binder();
        Topology t = b.topology(root);
        problems.addAll(b.problems);
        return t;
    }

    private Topology topology(JsonNode o) {
        String p = "";
        known(o, p, TOP);
        return new Topology(
                string(o, p, "format"),
                string(o, p, "name"),
                string(o, p, "description"),
                map(o, p, "namespaces", this::namespace),
                map(o, p, "bridges", this::bridge),
                map(o, p, "tuns", this::tun),
                list(o, p, "veths", this::veth),
                list(o, p, "checks", this::check),
                map(o, p, "layout", this::position),
                bool(o, p, "etcHosts"),
                map(o, p, "machines", this::machine),
                list(o, p, "vxlans", this::vxlan));
    }

    private Vxlan vxlan(JsonNode o, String p) {
        if (!isObject(o, p, "a VXLAN device object")) {
            return new Vxlan(new VethEnd(null, null, null, null, null, null, null), null, null, null, null);
        }
        known(o, p, VXLAN);
        // Read in the order the fields' problems have always been reported in.
        String namespace = string(o, p, "namespace");
        String bridge = string(o, p, "bridge");
        String name = string(o, p, "name");
        List<String> addresses = list(o, p, "addresses", this::plainString);
        String mac = string(o, p, "mac");
        Integer mtu = integer(o, p, "mtu");
        Boolean up = bool(o, p, "up");
        Integer vni = integer(o, p, "vni");
        String local = string(o, p, "local");
        List<String> remotes = list(o, p, "remotes", this::plainString);
        Integer port = integer(o, p, "port");
        VethEnd end = new VethEnd(namespace, bridge, name, addresses, mac, mtu, up, netem(o, p));
        return new Vxlan(end, vni, local, remotes, port);
    }

    private Machine machine(JsonNode o, String p) {
        if (!isObject(o, p, "a machine object with \"helper\" and \"underlay\"")) return new Machine(null, null, null, null);
        known(o, p, MACHINE);
        return new Machine(string(o, p, "helper"), string(o, p, "underlay"), integer(o, p, "vxlanPort"), integer(o, p, "mtu"),
                integer(o, p, "weight"));
    }

    private Namespace namespace(JsonNode o, String p) {
        if (!isObject(o, p, "a namespace object")) return Namespace.empty();
        known(o, p, NAMESPACE);
        return new Namespace(
                map(o, p, "sysctls", this::plainString),
                list(o, p, "routes", this::route),
                firewall(o, p, "firewall"),
                firewall(o, p, "firewall6"),
                string(o, p, "kernelName"),
                string(o, p, "hostname"),
                map(o, p, "hosts", this::addressList),
                list(o, p, "run", this::argv),
                string(o, p, "machine"));
    }

    /** The addresses of one {@code hosts} name; a value that is not an array binds as empty. */
    private List<String> addressList(JsonNode v, String p) {
        if (!v.isArray()) {
            wrongType(p, "an array of addresses, e.g. [\"10.0.1.1\"]", v);
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(plainString(v.get(i), JsonPointer.child(p, i)));
        return out;
    }

    /** One {@code run} entry: an argv array, never a command line for a shell. */
    private List<String> argv(JsonNode v, String p) {
        if (!v.isArray()) {
            String expected = v.isTextual()
                    ? "an array of arguments such as [\"python3\", \"-m\", \"http.server\"] (a command never goes through a shell)"
                    : "an array of arguments";
            wrongType(p, expected, v);
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(plainString(v.get(i), JsonPointer.child(p, i)));
        return out;
    }

    private Route route(JsonNode o, String p) {
        if (!isObject(o, p, "a route object")) return new Route(null, null, null, null);
        known(o, p, ROUTE);
        return new Route(string(o, p, "to"), string(o, p, "via"), string(o, p, "dev"), integer(o, p, "metric"));
    }

    private Firewall firewall(JsonNode parent, String parentPointer, String key) {
        TreeMap<String, Map<String, Chain>> tables = new TreeMap<>();
        JsonNode o = member(parent, key);
        if (o == null) return null;
        String p = JsonPointer.child(parentPointer, key);
        if (!isObject(o, p, "an object of tables (filter, nat, mangle, raw)")) return null;
        o.properties().forEach(e -> {
            String tp = JsonPointer.child(p, e.getKey());
            if (isObject(e.getValue(), tp, "an object of chains")) {
                TreeMap<String, Chain> chains = new TreeMap<>();
                e.getValue().properties().forEach(c -> chains.put(c.getKey(), chain(c.getValue(), JsonPointer.child(tp, c.getKey()))));
                tables.put(e.getKey(), chains);
            } else {
                tables.put(e.getKey(), Map.of());
            }
        });
        // An empty firewall is the same as none, so that saving (which leaves empty values out) loses nothing.
        return tables.isEmpty() ? null : Firewall.of(tables);
    }

    private Chain chain(JsonNode o, String p) {
        if (!isObject(o, p, "a chain object with \"policy\" and/or \"rules\"")) return new Chain(null, null);
        known(o, p, CHAIN);
        return new Chain(string(o, p, "policy"), list(o, p, "rules", this::rule));
    }

    private Rule rule(JsonNode o, String p) {
        if (!isObject(o, p, "a rule object")) return Rule.target(null);
        known(o, p, RULE);
        return new Rule(
                numberOrString(o, p, "proto"),
                string(o, p, "source"),
                string(o, p, "destination"),
                string(o, p, "in"),
                string(o, p, "out"),
                numberOrString(o, p, "sport"),
                numberOrString(o, p, "dport"),
                list(o, p, "state", this::plainString),
                numberOrString(o, p, "icmpType"),
                list(o, p, "not", this::plainString),
                string(o, p, "target"),
                string(o, p, "toSource"),
                string(o, p, "toDestination"),
                numberOrString(o, p, "toPorts"),
                string(o, p, "rejectWith"),
                string(o, p, "logPrefix"),
                numberOrString(o, p, "setMark"),
                string(o, p, "comment"));
    }

    private Bridge bridge(JsonNode o, String p) {
        if (!isObject(o, p, "a bridge object")) return new Bridge(null, null, null, null, null);
        known(o, p, BRIDGE);
        return new Bridge(string(o, p, "namespace"), string(o, p, "ifname"), list(o, p, "addresses", this::plainString),
                integer(o, p, "mtu"), bool(o, p, "stp"), string(o, p, "machine"), integer(o, p, "vni"));
    }

    private Tun tun(JsonNode o, String p) {
        if (!isObject(o, p, "a TUN/TAP device object")) return new Tun(null, TunMode.TUN, null, null, null, null, null, null);
        known(o, p, TUN);
        return new Tun(string(o, p, "namespace"), mode(o, p), string(o, p, "ifname"), list(o, p, "addresses", this::plainString),
                numberOrString(o, p, "owner"), numberOrString(o, p, "group"), bool(o, p, "multiQueue"), bool(o, p, "up"));
    }

    private TunMode mode(JsonNode o, String p) {
        String m = string(o, p, "mode");
        if (m == null) return null;
        return switch (m) {
            case "tun" -> TunMode.TUN;
            case "tap" -> TunMode.TAP;
            default -> {
                problems.add(Problem.at(JsonPointer.child(p, "mode"), quote(m) + " is not a device mode; expected \"tun\" or \"tap\""));
                yield null;
            }
        };
    }

    private Veth veth(JsonNode o, String p) {
        if (!isObject(o, p, "a veth pair object with \"a\" and \"b\"")) return new Veth(null, null);
        known(o, p, VETH);
        return new Veth(end(o, p, "a"), end(o, p, "b"), integer(o, p, "vni"));
    }

    private VethEnd end(JsonNode parent, String parentPointer, String key) {
        JsonNode o = member(parent, key);
        if (o == null) return null;
        String p = JsonPointer.child(parentPointer, key);
        if (!isObject(o, p, "a veth end object")) return null;
        known(o, p, END);
        return new VethEnd(string(o, p, "namespace"), string(o, p, "bridge"), string(o, p, "name"),
                list(o, p, "addresses", this::plainString), string(o, p, "mac"), integer(o, p, "mtu"), bool(o, p, "up"),
                netem(o, p), string(o, p, "machine"));
    }

    private Netem netem(JsonNode parent, String parentPointer) {
        JsonNode o = member(parent, "netem");
        if (o == null) return null;
        String p = JsonPointer.child(parentPointer, "netem");
        if (!isObject(o, p, "an object of impairments (delayMs, lossPercent, rateKbit...)")) return null;
        known(o, p, NETEM);
        return new Netem(number(o, p, "delayMs"), number(o, p, "jitterMs"), number(o, p, "lossPercent"), whole(o, p, "rateKbit"),
                number(o, p, "duplicatePercent"), number(o, p, "corruptPercent"), number(o, p, "reorderPercent"),
                whole(o, p, "limitPackets"));
    }

    private Check check(JsonNode o, String p) {
        if (!isObject(o, p, "a check object")) return new Check(null, null, null, null, null);
        known(o, p, CHECK);
        return new Check(string(o, p, "from"), string(o, p, "to"), string(o, p, "proto"), integer(o, p, "port"), string(o, p, "expect"));
    }

    private Position position(JsonNode o, String p) {
        if (!isObject(o, p, "a position object {\"x\": number, \"y\": number}")) return new Position(0, 0);
        known(o, p, POSITION);
        return new Position(coordinate(o, p, "x"), coordinate(o, p, "y"));
    }

    private double coordinate(JsonNode o, String p, String key) {
        JsonNode v = member(o, key);
        String vp = JsonPointer.child(p, key);
        if (v == null) {
            problems.add(Problem.at(vp, "missing \"" + key + "\"; a position needs both \"x\" and \"y\""));
            return 0;
        }
        if (!v.isNumber()) {
            wrongType(vp, "a number", v);
            return 0;
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            problems.add(Problem.at(vp, "the number is too large for a canvas position"));
            return 0;
        }
        return d;
    }

    // ---- scalar and container helpers ------------------------------------------------------------------

    private static SequencedSet<String> keys(String... names) {
        return java.util.Collections.unmodifiableSequencedSet(new LinkedHashSet<>(List.of(names)));
    }

    /** Reports every member of {@code o} that the format does not define, with a suggestion when one is close. */
    private void known(JsonNode o, String p, SequencedSet<String> allowed) {
        o.properties().forEach(e -> {
            String key = e.getKey();
            if (allowed.contains(key)) return;
            String hint = Suggest.closest(key, allowed).map(s -> "; did you mean \"" + s + "\"?")
                    .orElse("; expected one of: " + String.join(", ", allowed));
            problems.add(Problem.at(JsonPointer.child(p, key), "unknown key " + quote(key) + hint));
        });
    }

    private static JsonNode member(JsonNode o, String key) {
        return o.isObject() ? o.get(key) : null;
    }

    private boolean isObject(JsonNode v, String p, String expected) {
        if (v.isObject()) return true;
        wrongType(p, expected, v);
        return false;
    }

    /** The member at {@code key} if it is of the kind expected; null if it is absent or, reported, of another kind. */
    private JsonNode typed(JsonNode o, String p, String key, Predicate<JsonNode> kind, String expected) {
        JsonNode v = member(o, key);
        if (v == null || kind.test(v)) return v;
        wrongType(JsonPointer.child(p, key), expected, v);
        return null;
    }

    private String string(JsonNode o, String p, String key) {
        JsonNode v = typed(o, p, key, JsonNode::isTextual, "a string");
        return v == null ? null : v.textValue();
    }

    /** A string element of a list or map; a wrong type binds as "" so the positions of the others stay put. */
    private String plainString(JsonNode v, String p) {
        if (v.isTextual()) return v.textValue();
        wrongType(p, "a string", v);
        return "";
    }

    /** Ports, protocols, ICMP types, marks, owners: a whole number or text; numbers are kept as their decimal text. */
    private String numberOrString(JsonNode o, String p, String key) {
        JsonNode v = typed(o, p, key, n -> n.isTextual() || n.isIntegralNumber(), "a whole number or a string");
        if (v == null) return null;
        return v.isTextual() ? v.textValue() : v.bigIntegerValue().toString();
    }

    private Integer integer(JsonNode o, String p, String key) {
        BigInteger b = fitting(o, p, key, 31);
        return b == null ? null : b.intValue();
    }

    /** A whole number that fits 63 bits. */
    private Long whole(JsonNode o, String p, String key) {
        BigInteger b = fitting(o, p, key, 63);
        return b == null ? null : b.longValue();
    }

    /** A whole number of at most {@code bits} bits besides the sign. */
    private BigInteger fitting(JsonNode o, String p, String key, int bits) {
        JsonNode v = typed(o, p, key, JsonNode::isIntegralNumber, "a whole number");
        if (v == null) return null;
        BigInteger b = v.bigIntegerValue();
        if (b.bitLength() > bits) {
            problems.add(Problem.at(JsonPointer.child(p, key), b + " is far too large here"));
            return null;
        }
        return b;
    }

    /** Any finite JSON number (a fraction is fine). */
    private Double number(JsonNode o, String p, String key) {
        JsonNode v = typed(o, p, key, JsonNode::isNumber, "a number");
        if (v == null) return null;
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            problems.add(Problem.at(JsonPointer.child(p, key), v.asText() + " is far too large here"));
            return null;
        }
        return d;
    }

    private Boolean bool(JsonNode o, String p, String key) {
        JsonNode v = typed(o, p, key, JsonNode::isBoolean, "true or false");
        return v == null ? null : v.booleanValue();
    }

    private <T> java.util.SortedMap<String, T> map(JsonNode o, String p, String key, BiFunction<JsonNode, String, T> element) {
        JsonNode v = typed(o, p, key, JsonNode::isObject, "an object");
        if (v == null) return null;
        String vp = JsonPointer.child(p, key);
        TreeMap<String, T> out = new TreeMap<>();
        v.properties().forEach(e -> out.put(e.getKey(), element.apply(e.getValue(), JsonPointer.child(vp, e.getKey()))));
        return out;
    }

    private <T> List<T> list(JsonNode o, String p, String key, BiFunction<JsonNode, String, T> element) {
        JsonNode v = typed(o, p, key, JsonNode::isArray, "an array");
        if (v == null) return null;
        String vp = JsonPointer.child(p, key);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) out.add(element.apply(v.get(i), JsonPointer.child(vp, i)));
        return out;
    }

    private void wrongType(String p, String expected, JsonNode found) {
        problems.add(Problem.at(p, "expected " + expected + ", found " + describe(found)));
    }

    static String describe(JsonNode v) {
        if (v.isTextual()) return "the string " + quote(v.textValue());
        if (v.isNumber()) return "the number " + v.asText();
        if (v.isBoolean()) return v.asText();
        if (v.isNull()) return "null (leave the key out instead)";
        if (v.isArray()) return "an array";
        return "an object";
    }

    static String quote(String s) {
        return Texts.quote(s);
    }
}
