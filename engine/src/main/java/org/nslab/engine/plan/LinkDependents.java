package org.nslab.engine.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.plan.LabObjects.Ref;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.AddRoute;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.DeleteLink;
import org.nslab.engine.plan.Operation.SetSysctl;

/**
 * What the kernel drops with a link: its addresses, the routes through it (by device, or by a gateway in one of
 * its subnets), its qdisc and its interface sysctls; a veth takes its peer, whatever that is called by then. A plan that
 * deletes a link must count these as missing even while they can still be seen, or they stay gone.
 */
public final class LinkDependents {
    private LinkDependents() {}

    /** The steps of {@code plan} whose result goes with the links {@code deleted} names, in plan order. */
    public static Set<Operation> of(List<Operation> plan, Collection<DeleteLink> deleted) {
        Set<Ref> gone = new HashSet<>();
        for (DeleteLink d : deleted) gone.add(new Ref(d.netns(), d.ifname()));
        for (Operation op : plan) {
            if (op instanceof CreateVeth v) {
                Ref a = new Ref(v.a().netns(), v.a().ifname());
                Ref b = new Ref(v.b().netns(), v.b().ifname());
                if (gone.contains(a) || gone.contains(b)) {
                    gone.add(a);
                    gone.add(b);
                }
            }
        }
        Set<Operation> out = new LinkedHashSet<>();
        if (gone.isEmpty()) return out;
        // Only addresses of the route's own namespace can hold its gateway.
        Map<String, List<Cidr>> subnets = new HashMap<>();
        Map<String, List<Cidr>> kept = new HashMap<>();
        for (Operation op : plan) {
            if (op instanceof AddAddress a) {
                (gone.contains(new Ref(a.netns(), a.ifname())) ? subnets : kept)
                        .computeIfAbsent(a.netns(), k -> new ArrayList<>()).add(a.cidr());
            }
        }
        for (Operation op : plan) {
            boolean goes = switch (op) {
                case AddAddress a -> gone.contains(new Ref(a.netns(), a.ifname()));
                // A gateway a surviving link also reaches may be the kernel's route through that link: adding it
                // again would be refused as existing, so it is left to a later apply if it did go.
                case AddRoute r -> r.dev() != null ? gone.contains(new Ref(r.netns(), r.dev()))
                        : reaches(subnets, r) && !reaches(kept, r);
                case Operation.SetNetem q -> gone.contains(new Ref(q.netns(), q.ifname()));
                case SetSysctl s -> interfaceOf(s.key()) != null && gone.contains(new Ref(s.netns(), interfaceOf(s.key())));
                default -> false;
            };
            if (goes) out.add(op);
        }
        return out;
    }

    private static boolean reaches(Map<String, List<Cidr>> subnets, AddRoute r) {
        return subnets.getOrDefault(r.netns(), List.of()).stream().anyMatch(cidr -> cidr.contains(r.via()));
    }

    /** The interface an interface sysctl ({@code net.ipv4.conf.IF.x}, {@code net.ipv6.neigh.IF.x}) names, else null. */
    static String interfaceOf(String key) {
        String[] parts = key.split("\\.");
        if (parts.length < 5 || !(parts[2].equals("conf") || parts[2].equals("neigh"))) return null;
        // In a dotted key a '/' stands for the '.' of a VLAN-style interface name.
        return parts[3].replace('/', '.');
    }
}
