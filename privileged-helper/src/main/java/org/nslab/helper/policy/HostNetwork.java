package org.nslab.helper.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.helper.kernel.KernelException;
import org.nslab.helper.kernel.KernelObserver;
import org.nslab.helper.kernel.NetHandle;

/**
 * What the host's own network holds, read from the kernel when a request is judged: every address and every route
 * (all tables but {@code local}) that is not on one of the judged lab's own interfaces. A lab's interfaces are
 * those the helper tagged {@code nslab:<lab>} when it created them, so a re-apply is not judged against itself.
 */
public record HostNetwork(List<Held> held, Set<String> labInterfaces) {

    /** One network the host uses: an address's subnet or a route's destination, and how it is shown in a refusal. */
    public record Held(Cidr prefix, String shown) {}

    public HostNetwork {
        held = List.copyOf(held);
        labInterfaces = Set.copyOf(labInterfaces);
    }

    /** The host namespace of the calling process, as it is now, for judging lab {@code lab}. */
    public static HostNetwork read(String lab) throws KernelException {
        try (NetHandle h = NetHandle.open(Topology.HOST)) {
            String tag = "nslab:" + lab;
            Set<String> ours = new TreeSet<>();
            for (KernelObserver.LinkInfo l : KernelObserver.links(h)) if (tag.equals(l.alias())) ours.add(l.name());
            List<Held> held = new ArrayList<>();
            for (KernelObserver.AddressInfo a : KernelObserver.addresses(h)) {
                if (ours.contains(a.ifname())) continue;
                held.add(new Held(a.cidr().network(), "address " + a.cidr() + " dev " + a.ifname()));
            }
            for (KernelObserver.RouteInfo r : KernelObserver.routesOfEveryTable(h)) {
                if (r.dev() != null && ours.contains(r.dev())) continue;
                String shown = r.to().prefixLength() == 0 ? "default" : r.to().toString();
                held.add(new Held(r.to(), "route " + shown + (r.via() == null ? "" : " via " + r.via()) + (r.dev() == null ? "" : " dev " + r.dev())));
            }
            return new HostNetwork(held, ours);
        }
    }

    /**
     * The first held network that {@code prefix} shares an address with, ignoring default routes: every prefix lies
     * inside those, and the ranges members may use are what keeps a lab from taking what they would carry.
     */
    public java.util.Optional<Held> overlap(Cidr prefix) {
        return held.stream().filter(h -> h.prefix().prefixLength() > 0 && h.prefix().overlaps(prefix)).findFirst();
    }
}
