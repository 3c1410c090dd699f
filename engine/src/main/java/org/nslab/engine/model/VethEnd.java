package org.nslab.engine.model;

import java.util.List;

/**
 * One end of a veth pair: it names exactly one of {@code namespace} (the end lives there) or {@code bridge}
 * (the end lives in the bridge's namespace and is a port of that bridge). {@code netem} shapes what leaves
 * this end; null when it has none (an empty one counts as none).
 */
public record VethEnd(
        String namespace,
        String bridge,
        String name,
        List<String> addresses,
        String mac,
        Integer mtu,
        Boolean up,
        Netem netem) {

    public VethEnd {
        addresses = Collections2.listCopy(addresses);
        if (netem != null && netem.isEmpty()) netem = null;
    }

    /** An end without impairments. */
    public VethEnd(String namespace, String bridge, String name, List<String> addresses, String mac, Integer mtu, Boolean up) {
        this(namespace, bridge, name, addresses, mac, mtu, up, null);
    }

    public VethEnd withNetem(Netem value) {
        return new VethEnd(namespace, bridge, name, addresses, mac, mtu, up, value);
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
