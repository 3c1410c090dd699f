package org.nslab.engine.model;

import java.util.List;

/**
 * A VXLAN device: one side of a link to another machine, as each machine's part of a lab across machines holds it
 * (see {@code plan.MachinePart}), or written by hand to reach a host outside nslab. {@code end} is the device as an
 * interface, attached like a veth end (in a namespace, or a port of a bridge; its settings and netem), so the rules
 * and steps of ends apply to it unchanged. Its socket lives in the machine's own namespace, bound to {@code local},
 * and every frame is sent to each of {@code remotes} (head-end replication) on UDP {@code port} (4789 when null).
 */
public record Vxlan(VethEnd end, Integer vni, String local, List<String> remotes, Integer port) {

    public Vxlan {
        java.util.Objects.requireNonNull(end, "end");
        remotes = Collections2.listCopy(remotes);
    }

    public int portOrDefault() {
        return port == null ? Machine.DEFAULT_VXLAN_PORT : port;
    }
}
