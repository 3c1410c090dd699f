package org.nslab.engine.model;

import java.util.List;

/**
 * One end of a veth pair: it names exactly one of {@code namespace} (the end lives there) or {@code bridge}
 * (the end lives in the bridge's namespace and is a port of that bridge).
 */
public record VethEnd(
        String namespace,
        String bridge,
        String name,
        List<String> addresses,
        String mac,
        Integer mtu,
        Boolean up) {

    public VethEnd {
        addresses = Collections2.listCopy(addresses);
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
