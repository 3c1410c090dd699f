package org.nslab.engine.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;

/** The addresses and host-side interfaces a design puts in the kernel, read from the design alone. */
public final class LabAddresses {
    private LabAddresses() {}

    /** Every address of the lab, in design order: veth ends, then bridges, then TUNs, then VXLAN devices. */
    public static List<LabAddress> of(Topology t) {
        List<LabAddress> out = new ArrayList<>();
        for (Veth v : t.veths()) {
            for (VethEnd end : new VethEnd[] {v.a(), v.b()}) {
                if (end == null) continue;
                String ns = end.namespaceIn(t);
                String node = end.namespace() != null ? end.namespace() : end.bridge();
                add(out, node, ns, end.name(), end.addresses());
            }
        }
        t.bridges().forEach((id, b) -> add(out, id, b.namespaceOrHost(), b.ifnameOr(id), b.addresses()));
        t.tuns().forEach((id, tun) -> add(out, id, tun.namespaceOrHost(), tun.ifnameOr(id), tun.addresses()));
        // A machine's part of a lab across machines carries the ends of its links to other machines as VXLAN devices.
        for (org.nslab.engine.model.Vxlan x : t.vxlans()) {
            VethEnd end = x.end();
            add(out, end.namespace() != null ? end.namespace() : end.bridge(), end.namespaceIn(t), end.name(), end.addresses());
        }
        return out;
    }

    /** The namespace id whose interface carries {@code address}, if the lab owns that address. */
    public static Optional<LabAddress> owner(Topology t, IpAddress address) {
        return of(t).stream().filter(a -> a.prefix().address().equals(address)).findFirst();
    }

    /** Names of the interfaces the lab creates in {@code host}: its bridges, TUNs and veth ends there. */
    public static Set<String> hostInterfaces(Topology t) {
        Set<String> names = new TreeSet<>();
        for (Veth v : t.veths()) {
            for (VethEnd end : new VethEnd[] {v.a(), v.b()}) {
                if (end != null && end.name() != null && Topology.HOST.equals(end.namespaceIn(t))) names.add(end.name());
            }
        }
        t.bridges().forEach((id, b) -> { if (b.namespaceOrHost().equals(Topology.HOST)) names.add(b.ifnameOr(id)); });
        t.tuns().forEach((id, tun) -> { if (tun.namespaceOrHost().equals(Topology.HOST)) names.add(tun.ifnameOr(id)); });
        return names;
    }

    /** The bridges the lab creates in {@code host}, as kernel interface names. */
    public static List<String> hostBridges(Topology t) {
        List<String> names = new ArrayList<>();
        t.bridges().forEach((id, b) -> { if (b.namespaceOrHost().equals(Topology.HOST)) names.add(b.ifnameOr(id)); });
        return names;
    }

    public static boolean usesIpv6(Topology t) {
        return of(t).stream().anyMatch(a -> a.prefix().family() == Family.IPV6);
    }

    private static void add(List<LabAddress> out, String node, String ns, String ifname, List<String> addresses) {
        if (ns == null) return;
        for (String a : addresses) {
            Cidr prefix;
            try {
                prefix = Cidr.parseAddressOrCidr(a);
            } catch (IllegalArgumentException e) {
                continue; // the validator reports it; the kernel never gets it, so it is no lab address
            }
            out.add(new LabAddress(node, ns, ifname, prefix, a.split("/", 2)[0]));
        }
    }

}
