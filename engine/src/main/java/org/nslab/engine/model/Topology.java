package org.nslab.engine.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A whole design, as the file format {@code nslab/1} describes it. Structural only: the records accept
 * any values of the right JSON type so that validation can report every problem at once with its place.
 * Maps are sorted by key; absent collections are empty, never null.
 */
@RecordBuilder
public record Topology(
        String format,
        String name,
        String description,
        SortedMap<String, Namespace> namespaces,
        SortedMap<String, Bridge> bridges,
        SortedMap<String, Tun> tuns,
        List<Veth> veths,
        List<Check> checks,
        SortedMap<String, Position> layout,
        Boolean etcHosts,
        SortedMap<String, Machine> machines,
        List<Vxlan> vxlans) implements TopologyBuilder.With {

    public static final String FORMAT = "nslab/1";
    /** The machine nslab runs on, always there whether {@code machines} names it or not. */
    public static final String LOCAL = "local";
    /** The namespace the helper itself runs in; never created or deleted. */
    public static final String HOST = "host";

    public Topology {
        namespaces = Collections2.sortedCopy(namespaces);
        bridges = Collections2.sortedCopy(bridges);
        tuns = Collections2.sortedCopy(tuns);
        veths = Collections2.listCopy(veths);
        checks = Collections2.listCopy(checks);
        layout = Collections2.sortedCopy(layout);
        machines = Collections2.sortedCopy(machines);
        vxlans = Collections2.listCopy(vxlans);
    }

    /** A design of the third format round, without VXLAN devices of its own. */
    public Topology(String format, String name, String description, SortedMap<String, Namespace> namespaces,
            SortedMap<String, Bridge> bridges, SortedMap<String, Tun> tuns, List<Veth> veths, List<Check> checks,
            SortedMap<String, Position> layout, Boolean etcHosts, SortedMap<String, Machine> machines) {
        this(format, name, description, namespaces, bridges, tuns, veths, checks, layout, etcHosts, machines, null);
    }

    /** A design of the second format round, on one machine. */
    public Topology(String format, String name, String description, SortedMap<String, Namespace> namespaces,
            SortedMap<String, Bridge> bridges, SortedMap<String, Tun> tuns, List<Veth> veths, List<Check> checks,
            SortedMap<String, Position> layout, Boolean etcHosts) {
        this(format, name, description, namespaces, bridges, tuns, veths, checks, layout, etcHosts, null, null);
    }

    /** A design of the first format round, without {@code etcHosts}. */
    public Topology(String format, String name, String description, SortedMap<String, Namespace> namespaces,
            SortedMap<String, Bridge> bridges, SortedMap<String, Tun> tuns, List<Veth> veths, List<Check> checks,
            SortedMap<String, Position> layout) {
        this(format, name, description, namespaces, bridges, tuns, veths, checks, layout, null);
    }

    public static Topology empty(String name) {
        return new Topology(FORMAT, name, null, null, null, null, null, null, null, null, null, null);
    }

    // Any map is taken and kept sorted, as the compact constructor keeps it; the generated withers take the sorted type.
    public Topology withNamespaces(Map<String, Namespace> namespaces) { return withNamespaces(Collections2.sortedCopy(namespaces)); }
    public Topology withBridges(Map<String, Bridge> bridges) { return withBridges(Collections2.sortedCopy(bridges)); }
    public Topology withTuns(Map<String, Tun> tuns) { return withTuns(Collections2.sortedCopy(tuns)); }
    public Topology withLayout(Map<String, Position> layout) { return withLayout(Collections2.sortedCopy(layout)); }
    public Topology withMachines(Map<String, Machine> machines) { return withMachines(Collections2.sortedCopy(machines)); }

    /** Whether nslab writes hosts files for the lab's namespaces: unless the design says {@code "etcHosts": false}. */
    public boolean writesEtcHosts() {
        return etcHosts == null || etcHosts;
    }

    /** Whether the design places anything on a machine other than {@code local}. */
    public boolean spansMachines() {
        return machines.keySet().stream().anyMatch(m -> !LOCAL.equals(m));
    }

    /** The kernel name of a namespace: lab-qualified unless the design fixes one; {@code host} stays {@code host}. */
    public String kernelName(String namespaceId) {
        if (HOST.equals(namespaceId)) return HOST;
        Namespace ns = namespaces.get(namespaceId);
        if (ns != null && ns.kernelName() != null) return ns.kernelName();
        return name + "-" + namespaceId;
    }
}
