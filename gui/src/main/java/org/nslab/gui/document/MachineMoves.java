package org.nslab.gui.document;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Placement;
import org.nslab.engine.model.Topology;

/**
 * Moving nodes between the design's machines by their {@code machine} key. Only namespaces and bridges in
 * {@code host} carry one (a bridge in a namespace, and a TUN/TAP, go where their namespace goes; the host is
 * every machine's own). Nothing else of a node changes, and a node already on {@code local} without the key keeps
 * having none, so that a move writes only what it means.
 */
public final class MachineMoves {
    private MachineMoves() {}

    /** Whether {@code id} is a node a {@code machine} key places. */
    public static boolean movable(Topology t, String id) {
        if (Topology.HOST.equals(id)) return false;
        if (t.namespaces().containsKey(id)) return true;
        Bridge b = t.bridges().get(id);
        return b != null && Topology.HOST.equals(b.namespaceOrHost());
    }

    /** The design with each movable node of {@code ids} on {@code machine} ({@link Placement#AUTO}: left to nslab). */
    public static Topology move(Topology t, Collection<String> ids, String machine) {
        Map<String, Namespace> namespaces = new TreeMap<>(t.namespaces());
        Map<String, Bridge> bridges = new TreeMap<>(t.bridges());
        for (String id : ids) {
            if (!movable(t, id)) continue;
            Namespace ns = namespaces.get(id);
            if (ns != null) {
                namespaces.put(id, ns.withMachine(written(ns.machine(), machine)));
            } else {
                Bridge b = bridges.get(id);
                bridges.put(id, b.withMachine(written(b.machine(), machine)));
            }
        }
        return t.withNamespaces(namespaces).withBridges(bridges);
    }

    /** A node on {@code local} by default stays without the key; one that names a machine names the new one. */
    private static String written(String current, String target) {
        if (current == null && Topology.LOCAL.equals(target)) return null;
        return Objects.requireNonNull(target);
    }
}
