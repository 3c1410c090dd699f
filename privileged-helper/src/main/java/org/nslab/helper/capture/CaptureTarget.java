package org.nslab.helper.capture;

import java.util.HashSet;
import java.util.Set;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * Which kernel interface {@code NODE:IFACE} names in an applied design: NODE is a namespace (any interface in
 * it; the lab owns it whole) or a bridge (its own interface). In {@code host} only the lab's own links may be
 * captured, so a capture never shows traffic the lab's owner could not see anyway.
 */
public record CaptureTarget(String netns, String ifname) {

    public static CaptureTarget resolve(Topology design, String node, String iface) {
        if (node == null || node.isEmpty()) throw new IllegalArgumentException("name the node: NODE:IFACE");
        Bridge bridge = design.bridges().get(node);
        if (bridge != null) {
            String own = bridge.ifnameOr(node);
            String ifname = iface == null || iface.isEmpty() ? own : iface;
            if (!ifname.equals(own)) {
                throw new IllegalArgumentException("bridge " + node + " is interface " + own + "; capture " + node + ":" + own
                        + ", or a port through its namespace");
            }
            return checked(design, bridge.namespaceOrHost(), ifname);
        }
        if (!Topology.HOST.equals(node) && !design.namespaces().containsKey(node)) {
            throw new IllegalArgumentException("lab " + design.name() + " has no namespace or bridge " + node);
        }
        if (iface == null || iface.isEmpty()) throw new IllegalArgumentException("name the interface: " + node + ":IFACE");
        return checked(design, node, iface);
    }

    private static CaptureTarget checked(Topology design, String nodeNamespace, String ifname) {
        if (Topology.HOST.equals(nodeNamespace) && !hostLinks(design).contains(ifname)) {
            throw new IllegalArgumentException("interface " + ifname + " in host is not one of lab " + design.name()
                    + "'s links; only those may be captured there");
        }
        return new CaptureTarget(design.kernelName(nodeNamespace), ifname);
    }

    /** The interfaces the design itself puts into host. */
    private static Set<String> hostLinks(Topology t) {
        Set<String> out = new HashSet<>();
        t.bridges().forEach((id, b) -> { if (Topology.HOST.equals(b.namespaceOrHost())) out.add(b.ifnameOr(id)); });
        t.tuns().forEach((id, d) -> { if (Topology.HOST.equals(d.namespaceOrHost())) out.add(d.ifnameOr(id)); });
        for (Veth v : t.veths()) {
            for (VethEnd e : java.util.List.of(v.a(), v.b())) {
                if (Topology.HOST.equals(e.namespaceIn(t))) out.add(e.name());
            }
        }
        return out;
    }

}
