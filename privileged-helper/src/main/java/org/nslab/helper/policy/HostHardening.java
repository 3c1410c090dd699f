package org.nslab.helper.policy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.helper.kernel.KernelException;
import org.nslab.helper.kernel.KernelObserver;
import org.nslab.helper.kernel.NetHandle;
import org.nslab.helper.kernel.Routes;

/**
 * A member's interfaces in {@code host} take no router advertisements and no redirects. The kernel's defaults for a
 * new interface would have the machine take them, and the owner of a TAP device there writes any frame onto that
 * link: one router advertisement gives the whole machine an IPv6 default route into the member's hands. So the
 * helper adds these keys to a member's design (where the design does not set them itself; members may set them
 * only to 0) and, once the lab is built, drops whatever the machine learnt from advertisements on those interfaces
 * in the moment between a link coming up and its keys being written.
 */
public final class HostHardening {
    private HostHardening() {}

    /** Per-interface keys, {@code %s} the interface: what an interface would otherwise take from its link. */
    static final List<String> KEYS = List.of("net.ipv6.conf.%s.accept_ra", "net.ipv6.conf.%s.accept_redirects",
            "net.ipv4.conf.%s.accept_redirects");
    /** Of {@code conf}'s names, those a member may set in host, and only to 0. */
    static final Set<String> OFF_ONLY = Set.of("accept_ra", "accept_redirects");

    /** {@code design} with the keys for each of its interfaces in host that it does not set itself. */
    public static Topology harden(Topology design) {
        Namespace host = design.namespaces().get(Topology.HOST);
        Set<String> interfaces = LabAddresses.hostInterfaces(design);
        if (interfaces.isEmpty()) return design;
        boolean ipv6 = Files.isDirectory(Path.of("/proc/sys/net/ipv6/conf"));
        Map<String, String> sysctls = new LinkedHashMap<>(host == null ? Map.of() : host.sysctls());
        for (String ifname : interfaces) {
            for (String key : KEYS) {
                if (!ipv6 && key.startsWith("net.ipv6.")) continue;
                sysctls.putIfAbsent(key.formatted(ifname), "0");
            }
        }
        Map<String, Namespace> namespaces = new LinkedHashMap<>(design.namespaces());
        namespaces.put(Topology.HOST, (host == null ? Namespace.empty() : host).withSysctls(sysctls));
        return design.withNamespaces(namespaces);
    }

    /** Deletes the routes the machine learnt from router advertisements through the design's interfaces in host. */
    public static int forgetAdvertisements(Topology design) throws KernelException {
        Set<String> interfaces = LabAddresses.hostInterfaces(design);
        if (interfaces.isEmpty()) return 0;
        int removed = 0;
        try (NetHandle h = NetHandle.open(org.nslab.helper.kernel.InNamespace.HOST)) {
            for (KernelObserver.RouteInfo r : KernelObserver.routes(h)) {
                if (r.protocol() != RTPROT_RA || r.dev() == null || !interfaces.contains(r.dev())) continue;
                h.run(Routes.delete(h.netns(), r.to(), r.via(), r.dev(), h.index(r.dev()), r.metric(), RTPROT_RA));
                removed++;
            }
        }
        return removed;
    }

    /** The kernel's rtm_protocol of a route learnt from a router advertisement. */
    static final int RTPROT_RA = 9;
}
