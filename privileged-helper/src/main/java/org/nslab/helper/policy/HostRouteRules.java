package org.nslab.helper.policy;

import java.util.List;
import java.util.Set;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.problem.JsonPointer;

/**
 * Routes a member's lab adds to {@code host}: only through the lab's own interfaces, never the default, and only for
 * prefixes in the member ranges that share no address with the host's own addresses and routes. The metric does not
 * matter then: a prefix nothing else routes has no route to outrank.
 */
final class HostRouteRules {
    private HostRouteRules() {}

    static void judge(Topology t, Set<String> labInterfaces, HostNetwork host, MemberPolicy policy, Refusals out) {
        Namespace ns = t.namespaces().get(Topology.HOST);
        if (ns == null) return;
        List<HostAddressRules.HostAddress> labAddresses = HostAddressRules.of(t);
        for (int i = 0; i < ns.routes().size(); i++) {
            Route r = ns.routes().get(i);
            String at = JsonPointer.child("/namespaces/host/routes", i);
            Cidr to = Route.DEFAULT.equals(r.to()) ? null : Cidr.tryParse(r.to()).orElse(null);
            if (to == null || to.prefixLength() == 0) {
                out.add(PolicyRule.HOST_ROUTE_DEFAULT, JsonPointer.child(at, "to"), "a default route in host would send the machine's own traffic into the lab");
                continue;
            }
            if (r.dev() != null && !labInterfaces.contains(r.dev())) {
                out.add(PolicyRule.HOST_ROUTE_DEVICE, JsonPointer.child(at, "dev"), "route " + r.to() + " goes through " + r.dev()
                        + ", which is not one of the lab's interfaces in host (" + (labInterfaces.isEmpty() ? "it has none" : String.join(", ", labInterfaces)) + ")");
            } else if (r.dev() == null && !viaLabSubnet(r.via(), labAddresses)) {
                out.add(PolicyRule.HOST_ROUTE_DEVICE, JsonPointer.child(at, "via"), "route " + r.to() + " has no dev and its gateway " + r.via()
                        + " is on none of the lab's subnets in host; give dev, one of the lab's interfaces there");
            }
            if (!Ranges.within(policy.hostPrefixes(), to)) {
                out.add(PolicyRule.HOST_ROUTE_RANGE, JsonPointer.child(at, "to"), "route " + r.to() + " lies outside the ranges members may route in host ("
                        + Ranges.describe(policy.hostPrefixes()) + ")");
            } else {
                host.overlap(to).ifPresent(held -> out.add(PolicyRule.HOST_ROUTE_OVERLAP, JsonPointer.child(at, "to"), "route " + r.to()
                        + " overlaps the host's " + held.shown() + " and would take that traffic into the lab"));
            }
        }
    }

    private static boolean viaLabSubnet(String via, List<HostAddressRules.HostAddress> labAddresses) {
        IpAddress gateway = via == null ? null : IpAddress.tryParse(via).orElse(null);
        return gateway != null && labAddresses.stream().anyMatch(a -> a.cidr().contains(gateway));
    }
}
