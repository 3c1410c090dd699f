package org.nslab.helper.bench;

import java.util.LinkedHashSet;
import java.util.Set;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;

/**
 * The fastest way iproute2 itself can build a design's namespaces and links: one {@code ip -batch} process.
 * It cannot express addresses inside namespaces without a process per namespace, so it is a floor for the
 * namespaces-and-links part only, which is what the benchmark compares it with.
 */
final class IpBatchFloor {
    private IpBatchFloor() {}

    static String build(Topology t) {
        StringBuilder out = new StringBuilder();
        for (String ns : t.namespaces().keySet()) out.append("netns add ").append(t.kernelName(ns)).append('\n');
        // IPv6 off on the bridges without IPv6 and on every port, as nslab does, so both do the same kernel work
        // (ip -batch has no sysctl command; addrgenmode none is its nearest: no link-local, hence no DAD or RS).
        t.bridges().forEach((id, br) -> {
            out.append("link add ").append(br.ifnameOr(id)).append(nsClause(t, br.namespaceOrHost())).append(" type bridge\n");
            if (Topology.HOST.equals(br.namespaceOrHost()) && br.addresses().stream().noneMatch(a -> a.contains(":"))) {
                out.append("link set dev ").append(br.ifnameOr(id)).append(" addrgenmode none\n");
            }
        });
        Set<String> up = new LinkedHashSet<>();
        for (Veth v : t.veths()) {
            out.append("link add ").append(v.a().name()).append(nsClause(t, v.a().namespaceIn(t)))
                    .append(" type veth peer name ").append(v.b().name()).append(nsClause(t, v.b().namespaceIn(t))).append('\n');
            for (VethEnd end : new VethEnd[] {v.a(), v.b()}) {
                if (end.bridge() != null) {
                    Bridge br = t.bridges().get(end.bridge());
                    out.append("link set dev ").append(end.name()).append(" addrgenmode none\n");
                    out.append("link set ").append(end.name()).append(" master ").append(br.ifnameOr(end.bridge())).append(" up\n");
                }
            }
        }
        t.bridges().forEach((id, br) -> {
            if (Topology.HOST.equals(br.namespaceOrHost())) up.add(br.ifnameOr(id));
        });
        up.forEach(name -> out.append("link set ").append(name).append(" up\n"));
        return out.toString();
    }

    static String teardown(Topology t) {
        StringBuilder out = new StringBuilder();
        for (String ns : t.namespaces().keySet()) out.append("netns del ").append(t.kernelName(ns)).append('\n');
        // A pair with both ends in host dies with no namespace: it must be deleted itself.
        for (Veth v : t.veths()) {
            if (Topology.HOST.equals(v.a().namespaceIn(t)) && Topology.HOST.equals(v.b().namespaceIn(t))) {
                out.append("link del ").append(v.a().name()).append('\n');
            }
        }
        t.bridges().forEach((id, br) -> {
            if (Topology.HOST.equals(br.namespaceOrHost())) out.append("link del ").append(br.ifnameOr(id)).append('\n');
        });
        return out.toString();
    }

    private static String nsClause(Topology t, String namespaceId) {
        return Topology.HOST.equals(namespaceId) ? "" : " netns " + t.kernelName(namespaceId);
    }
}
