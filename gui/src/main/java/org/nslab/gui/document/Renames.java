package org.nslab.gui.document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * A design with one name changed and every reference to it changed alike. A design refers to nodes by id (veth
 * ends, bridge ports, the namespace of a bridge or TUN, checks, the layout) and to interfaces by name within their
 * namespace (routes' {@code dev}, firewall rules' {@code in}/{@code out}). Pure functions; {@link Edits} turns
 * their result into an undoable edit.
 */
public final class Renames {
    private Renames() {}

    /**
     * Renames a namespace, bridge or TUN. A bridge or TUN without {@code ifname} takes its id as interface name,
     * so its interface is renamed with it. {@code host} cannot be renamed; {@code newId} must be free.
     */
    public static Topology node(Topology t, String oldId, String newId) {
        Objects.requireNonNull(newId);
        if (oldId.equals(newId)) return t;
        if (Topology.HOST.equals(oldId)) throw new IllegalArgumentException("\"host\" is the machine's own namespace and keeps its name");
        if (isNodeId(t, newId)) throw new IllegalArgumentException("id \"" + newId + "\" is taken");
        Topology result;
        if (t.namespaces().containsKey(oldId)) {
            result = t.withNamespaces(moved(t.namespaces(), oldId, newId))
                    .withVeths(t.veths().stream().map(v -> v.withEnds(endIn(v.a(), oldId, newId), endIn(v.b(), oldId, newId))).toList())
                    .withBridges(mapValues(t.bridges(), b -> oldId.equals(b.namespace())
                            ? b.withNamespace(newId) : b))
                    .withTuns(mapValues(t.tuns(), u -> oldId.equals(u.namespace())
                            ? new Tun(newId, u.mode(), u.ifname(), u.addresses(), u.owner(), u.group(), u.multiQueue(), u.up()) : u))
                    .withChecks(t.checks().stream().map(c -> oldId.equals(c.from())
                            ? new Check(newId, c.to(), c.proto(), c.port(), c.expect()) : c).toList());
        } else if (t.bridges().containsKey(oldId)) {
            Bridge b = t.bridges().get(oldId);
            result = t.withBridges(moved(t.bridges(), oldId, newId))
                    .withVeths(t.veths().stream().map(v -> v.withEnds(portOf(v.a(), oldId, newId), portOf(v.b(), oldId, newId))).toList());
            if (b.ifname() == null) result = iface(result, b.namespaceOrHost(), oldId, newId);
        } else if (t.tuns().containsKey(oldId)) {
            Tun u = t.tuns().get(oldId);
            result = t.withTuns(moved(t.tuns(), oldId, newId));
            if (u.ifname() == null) result = iface(result, u.namespaceOrHost(), oldId, newId);
        } else {
            throw new IllegalArgumentException("no namespace, bridge or TUN device has id \"" + oldId + "\"");
        }
        Position p = t.layout().get(oldId);
        return p == null ? result : result.withLayout(moved(result.layout(), oldId, newId));
    }

    /** True when {@code id} names a node already ({@code host} always does). */
    public static boolean isNodeId(Topology t, String id) {
        return Topology.HOST.equals(id) || t.namespaces().containsKey(id) || t.bridges().containsKey(id)
                || t.tuns().containsKey(id);
    }

    /**
     * Renames the interface {@code oldName} of namespace {@code namespace} where the namespace's routes and firewall
     * rules name it. Wildcards ({@code eth+}) are patterns, not references, and stay as they are.
     */
    public static Topology iface(Topology t, String namespace, String oldName, String newName) {
        Namespace ns = namespace == null ? null : t.namespaces().get(namespace);
        if (ns == null || oldName == null || newName == null || oldName.equals(newName)) return t;
        Namespace renamed = ns.withRoutes(ns.routes().stream().map(r -> oldName.equals(r.dev())
                        ? new Route(r.to(), r.via(), newName, r.metric()) : r).toList())
                .withFirewall(firewall(ns.firewall(), oldName, newName))
                .withFirewall6(firewall(ns.firewall6(), oldName, newName));
        if (renamed.equals(ns)) return t;
        Map<String, Namespace> m = new HashMap<>(t.namespaces());
        m.put(namespace, renamed);
        return t.withNamespaces(m);
    }

    /** Changes the name of one end of veth {@code index} ({@code side} "a" or "b") and the references to it. */
    public static Topology vethEnd(Topology t, int index, String side, String newName) {
        Veth v = t.veths().get(index);
        boolean a = side.equals("a");
        VethEnd e = a ? v.a() : v.b();
        VethEnd renamed = e.withName(newName);
        List<Veth> veths = new ArrayList<>(t.veths());
        veths.set(index, a ? v.withEnds(renamed, v.b()) : v.withEnds(v.a(), renamed));
        return iface(t.withVeths(veths), e.namespaceIn(t), e.name(), newName);
    }

    /** Sets a bridge's {@code ifname} (null: its id) and renames the references to its interface. */
    public static Topology bridgeIfname(Topology t, String id, String ifname) {
        Bridge b = t.bridges().get(id);
        Map<String, Bridge> m = new HashMap<>(t.bridges());
        m.put(id, b.withIfname(ifname));
        return iface(t.withBridges(m), b.namespaceOrHost(), b.ifnameOr(id), ifname == null ? id : ifname);
    }

    /** Sets a TUN/TAP device's {@code ifname} (null: its id) and renames the references to its interface. */
    public static Topology tunIfname(Topology t, String id, String ifname) {
        Tun u = t.tuns().get(id);
        Map<String, Tun> m = new HashMap<>(t.tuns());
        m.put(id, new Tun(u.namespace(), u.mode(), ifname, u.addresses(), u.owner(), u.group(), u.multiQueue(), u.up()));
        return iface(t.withTuns(m), u.namespaceOrHost(), u.ifnameOr(id), ifname == null ? id : ifname);
    }

    private static Firewall firewall(Firewall f, String oldName, String newName) {
        if (f == null) return null;
        SortedMap<String, SortedMap<String, Chain>> tables = new TreeMap<>();
        f.tables().forEach((table, chains) -> {
            SortedMap<String, Chain> renamed = new TreeMap<>();
            chains.forEach((name, chain) -> renamed.put(name, new Chain(chain.policy(),
                    chain.rules().stream().map(r -> rule(r, oldName, newName)).toList())));
            tables.put(table, renamed);
        });
        Firewall result = new Firewall(tables);
        return result.equals(f) ? f : result;
    }

    private static Rule rule(Rule r, String oldName, String newName) {
        boolean in = oldName.equals(r.in());
        boolean out = oldName.equals(r.out());
        if (!in && !out) return r;
        return new Rule(r.proto(), r.source(), r.destination(), in ? newName : r.in(), out ? newName : r.out(),
                r.sport(), r.dport(), r.state(), r.icmpType(), r.not(), r.target(), r.toSource(), r.toDestination(),
                r.toPorts(), r.rejectWith(), r.logPrefix(), r.setMark(), r.comment());
    }

    private static VethEnd endIn(VethEnd e, String oldId, String newId) {
        return e == null || !oldId.equals(e.namespace()) ? e
                : e.withAttachment(newId, e.bridge());
    }

    private static VethEnd portOf(VethEnd e, String oldId, String newId) {
        return e == null || !oldId.equals(e.bridge()) ? e
                : e.withAttachment(e.namespace(), newId);
    }

    private static <V> Map<String, V> moved(Map<String, V> m, String oldKey, String newKey) {
        Map<String, V> copy = new HashMap<>(m);
        copy.put(newKey, copy.remove(oldKey));
        return copy;
    }

    private static <V> Map<String, V> mapValues(Map<String, V> m, java.util.function.UnaryOperator<V> f) {
        Map<String, V> copy = new HashMap<>();
        m.forEach((k, v) -> copy.put(k, f.apply(v)));
        return copy;
    }
}
