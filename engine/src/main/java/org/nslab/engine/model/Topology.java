package org.nslab.engine.model;

import java.util.List;
import java.util.SortedMap;

/**
 * A whole design, as the file format {@code nslab/1} describes it. Structural only: the records accept
 * any values of the right JSON type so that validation can report every problem at once with its place.
 * Maps are sorted by key; absent collections are empty, never null.
 */
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
        List<Vxlan> vxlans) {

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

    /** Whether nslab writes hosts files for the lab's namespaces: unless the design says {@code "etcHosts": false}. */
    public boolean writesEtcHosts() {
        return etcHosts == null || etcHosts;
    }

    public Topology withEtcHosts(Boolean newEtcHosts) {
        return new Topology(format, name, description, namespaces, bridges, tuns, veths, checks, layout, newEtcHosts, machines, vxlans);
    }

    public Topology withMachines(java.util.Map<String, Machine> newMachines) {
        return new Topology(format, name, description, namespaces, bridges, tuns, veths, checks, layout, etcHosts, Collections2.sortedCopy(newMachines), vxlans);
    }

    public Topology withVxlans(List<Vxlan> newVxlans) {
        return new Topology(format, name, description, namespaces, bridges, tuns, veths, checks, layout, etcHosts, machines, newVxlans);
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

    public Topology withName(String newName) {
        return new Topology(format, newName, description, namespaces, bridges, tuns, veths, checks, layout, etcHosts, machines, vxlans);
    }

    public Topology withDescription(String newDescription) {
        return new Topology(format, name, newDescription, namespaces, bridges, tuns, veths, checks, layout, etcHosts, machines, vxlans);
    }

    public Topology withNamespaces(java.util.Map<String, Namespace> newNamespaces) {
        return new Topology(format, name, description, Collections2.sortedCopy(newNamespaces), bridges, tuns, veths, checks, layout, etcHosts, machines, vxlans);
    }

    public Topology withBridges(java.util.Map<String, Bridge> newBridges) {
        return new Topology(format, name, description, namespaces, Collections2.sortedCopy(newBridges), tuns, veths, checks, layout, etcHosts, machines, vxlans);
    }

    public Topology withTuns(java.util.Map<String, Tun> newTuns) {
        return new Topology(format, name, description, namespaces, bridges, Collections2.sortedCopy(newTuns), veths, checks, layout, etcHosts, machines, vxlans);
    }

    public Topology withVeths(List<Veth> newVeths) {
        return new Topology(format, name, description, namespaces, bridges, tuns, newVeths, checks, layout, etcHosts, machines, vxlans);
    }

    public Topology withChecks(List<Check> newChecks) {
        return new Topology(format, name, description, namespaces, bridges, tuns, veths, newChecks, layout, etcHosts, machines, vxlans);
    }

    public Topology withLayout(java.util.Map<String, Position> newLayout) {
        return new Topology(format, name, description, namespaces, bridges, tuns, veths, checks, Collections2.sortedCopy(newLayout), etcHosts, machines, vxlans);
    }
}
