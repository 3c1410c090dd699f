package org.nslab.engine.model;

import java.util.List;

/**
 * A VXLAN device: one side of a link to another machine, as each machine's part of a lab across machines holds it
 * (see {@code plan.MachinePart}), or written by hand to reach a host outside nslab. Attached like a veth end (in a
 * namespace, or a port of a bridge); its socket lives in the machine's own namespace, bound to {@code local}, and
 * every frame is sent to each of {@code remotes} (head-end replication) on UDP {@code port} (4789 when null).
 */
public record Vxlan(
        String namespace,
        String bridge,
        String name,
        List<String> addresses,
        String mac,
        Integer mtu,
        Boolean up,
        Integer vni,
        String local,
        List<String> remotes,
        Integer port,
        Netem netem) {

    public Vxlan {
        addresses = Collections2.listCopy(addresses);
        remotes = Collections2.listCopy(remotes);
        if (netem != null && netem.isEmpty()) netem = null;
    }

    public int portOrDefault() {
        return port == null ? Machine.DEFAULT_VXLAN_PORT : port;
    }

    public boolean isUp() {
        return up == null || up;
    }

    /** The device's attachment and settings as a veth end, so the rules and steps of ends apply to it unchanged. */
    public VethEnd asEnd() {
        return new VethEnd(namespace, bridge, name, addresses, mac, mtu, up, netem);
    }
}
