package org.nslab.engine.validate;

import static org.nslab.engine.validate.Report.q;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.model.Route;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.problem.JsonPointer;

/**
 * Routes of one namespace. {@code to} is {@code default} or a network prefix; a gateway ({@code via}) must be
 * reachable: inside a subnet of an address on {@code dev} when {@code dev} is given, else on any interface of
 * the namespace, as the kernel demands of a gateway without {@code onlink}. An IPv6 link-local gateway needs
 * {@code dev} and no subnet, because every IPv6 interface has a link-local address.
 */
final class RouteRules {
    private RouteRules() {}

    /** The family a route belongs to: its gateway's, else its destination's; a bare {@code default} is IPv4. */
    static Family family(Route route) {
        if (route.via() != null) {
            var via = IpAddress.tryParse(route.via());
            if (via.isPresent()) return via.get().family();
        }
        if (route.to() != null && !Route.DEFAULT.equals(route.to())) {
            var to = Cidr.tryParse(route.to());
            if (to.isPresent()) return to.get().family();
        }
        return Family.IPV4;
    }

    static void check(String ns, List<Route> routes, String p, Interfaces interfaces, Report r) {
        Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < routes.size(); i++) {
            Route route = routes.get(i);
            String rp = JsonPointer.child(p, i);
            Family toFamily = null;
            String key = null;
            if (route.to() == null) {
                r.add(JsonPointer.child(rp, "to"), "missing \"to\"; expected \"default\" or a network such as 10.9.0.0/16");
            } else if (Route.DEFAULT.equals(route.to())) {
                key = "default/" + family(route);
            } else {
                try {
                    Cidr to = Cidr.parse(route.to());
                    toFamily = to.family();
                    if (!to.isNetwork()) {
                        r.add(JsonPointer.child(rp, "to"), q(route.to()) + " has host bits set; the network is " + to.network()
                                + " (the kernel refuses a route to anything else)");
                    }
                    key = to.network().toString();
                } catch (IllegalArgumentException e) {
                    r.add(JsonPointer.child(rp, "to"), e.getMessage() + "; expected \"default\" or a network such as 10.9.0.0/16");
                }
            }
            Interfaces.Iface dev = null;
            if (route.dev() != null) {
                dev = interfaces.get(ns, route.dev());
                if (dev == null && !route.dev().equals("lo")) {
                    List<String> names = interfaces.in(ns).stream().map(Interfaces.Iface::name).toList();
                    r.add(JsonPointer.child(rp, "dev"), "namespace " + q(ns) + " has no interface " + q(route.dev())
                            + r.hint(route.dev(), names) + "; expected an interface of this namespace"
                            + Report.known("", names));
                }
            }
            if (dev != null && interfaces.isPort(ns, dev.name()) && family(route) == Family.IPV6) {
                r.add(JsonPointer.child(rp, "dev"), q(route.dev()) + " is a bridge port, which has no IPv6 of its own (nslab switches it "
                        + "off on ports; the bridge carries it); route through the bridge instead");
            }
            if (route.via() == null && route.dev() == null) {
                r.add(rp, "a route needs \"via\" (a gateway address), \"dev\" (an interface of this namespace) or both");
            }
            if (route.via() != null) via(ns, route, rp, toFamily, dev, interfaces, r);
            if (route.metric() != null && route.metric() < 0) {
                r.add(JsonPointer.child(rp, "metric"), "metric " + route.metric() + " is negative; expected 0 or more");
            }
            if (key != null) {
                String k = key + " metric " + (route.metric() == null ? 0 : route.metric());
                String first = seen.putIfAbsent(k, rp);
                if (first != null) {
                    r.add(rp, "the same destination with the same metric is already routed at " + first
                            + "; the kernel keeps one such route (give one a different metric)");
                }
            }
        }
    }

    private static void via(String ns, Route route, String rp, Family toFamily, Interfaces.Iface dev, Interfaces interfaces, Report r) {
        String vp = JsonPointer.child(rp, "via");
        IpAddress via;
        try {
            via = IpAddress.parse(route.via());
        } catch (IllegalArgumentException e) {
            r.add(vp, e.getMessage() + "; a gateway is a single address such as 10.0.1.1 (no prefix length)");
            return;
        }
        if (toFamily != null && via.family() != toFamily) {
            r.add(vp, "gateway " + via + " is " + via.family() + " but the destination " + q(route.to()) + " is " + toFamily
                    + "; both must be of one family");
            return;
        }
        if (via.isLinkLocal6()) {
            if (route.dev() == null) {
                r.add(vp, "gateway " + via + " is an IPv6 link-local address, which is only meaningful with \"dev\"");
            }
            return;
        }
        List<Interfaces.Iface> candidates = dev != null ? List.of(dev) : interfaces.in(ns);
        for (Interfaces.Iface iface : candidates) {
            for (Cidr c : iface.addresses()) {
                if (c.contains(via)) {
                    if (c.address().equals(via)) {
                        r.add(vp, "gateway " + via + " is this namespace's own address on " + q(iface.name()) + "; expected a neighbour's address");
                    }
                    return;
                }
            }
        }
        String where = dev != null ? "a subnet of an address on " + q(dev.name()) : "a subnet of an address of namespace " + q(ns);
        r.add(vp, "gateway " + via + " is not in " + where + "; the kernel can only reach a gateway on a connected subnet");
    }
}
