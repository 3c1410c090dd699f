package org.nslab.engine.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * One end of a veth pair: it names exactly one of {@code namespace} (the end lives there) or {@code bridge}
 * (the end lives in the bridge's namespace and is a port of that bridge). {@code netem} shapes what leaves
 * this end; null when it has none (an empty one counts as none). {@code machine} names the machine of an end in
 * {@code host} (each machine has its own); elsewhere the end is where its namespace or bridge is.
 */
@RecordBuilder
public record VethEnd(
        String namespace,
        String bridge,
        String name,
        List<String> addresses,
        String mac,
        Integer mtu,
        Boolean up,
        Netem netem,
        String machine) implements VethEndBuilder.With {

    public VethEnd {
        addresses = Collections2.listCopy(addresses);
        if (netem != null && netem.isEmpty()) netem = null;
    }

    /** An end on the machine of its namespace or bridge. */
    public VethEnd(String namespace, String bridge, String name, List<String> addresses, String mac, Integer mtu, Boolean up, Netem netem) {
        this(namespace, bridge, name, addresses, mac, mtu, up, netem, null);
    }

    /** An end without impairments. */
    public VethEnd(String namespace, String bridge, String name, List<String> addresses, String mac, Integer mtu, Boolean up) {
        this(namespace, bridge, name, addresses, mac, mtu, up, null);
    }

    /** Moves the end: into a namespace, or onto a bridge (the other null). */
    public VethEnd withAttachment(String newNamespace, String newBridge) {
        return new VethEnd(newNamespace, newBridge, name, addresses, mac, mtu, up, netem, machine);
    }

    public boolean isUp() {
        return up == null || up;
    }

    /** Where the end is attached, or null while the design names neither or both (validation reports that). */
    public Endpoint endpoint() {
        if (namespace != null && bridge == null) return new Endpoint.InNamespace(namespace);
        if (bridge != null && namespace == null) return new Endpoint.BridgePort(bridge);
        return null;
    }

    /** The namespace id the interface lives in, given the topology's bridges. */
    public String namespaceIn(Topology topology) {
        if (namespace != null) return namespace;
        Bridge br = bridge == null ? null : topology.bridges().get(bridge);
        return br == null ? null : br.namespaceOrHost();
    }
}
