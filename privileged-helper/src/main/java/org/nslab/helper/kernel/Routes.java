package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.*;

import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.netlink.Message;

/**
 * Route requests in the main table. Added routes carry rtm_protocol 78 so they can be told apart from routes
 * anyone else added; deletes match on it too, so a delete never removes a foreign route (and one put back
 * keeps its own protocol and scope).
 */
public final class Routes {
    private static final int RT_SCOPE_NOWHERE = 255;

    private Routes() {}

    /**
     * {@code to} is a network (prefix length 0: the default route); {@code via} may be null (then {@code oif} must be given, and the
     * route is on-link); {@code dev} names the link whose index is {@code oif} (0: none); {@code metric} may be null.
     */
    public static Request add(String netns, Cidr to, IpAddress via, String dev, int oif, Integer metric) {
        return add(netns, to, via, dev, oif, metric, null, null);
    }

    /**
     * An add that puts back a route someone else added, with its own {@code protocol} and {@code scope}; either
     * null gives what the lab's own routes get.
     */
    public static Request add(String netns, Cidr to, IpAddress via, String dev, int oif, Integer metric,
                              Integer protocol, Integer scope) {
        Message m = message(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, to, via, oif, metric,
                protocol == null ? RTPROT_NSLAB : protocol, scope);
        return new Request(m, "add route " + describe(to, via, dev, metric) + " in " + netns);
    }

    public static Request delete(String netns, Cidr to, IpAddress via, String dev, int oif, Integer metric) {
        return delete(netns, to, via, dev, oif, metric, RTPROT_NSLAB);
    }

    /** A delete of a route someone else added, matched on its own {@code protocol} (such as 3 for {@code ip route add}). */
    public static Request delete(String netns, Cidr to, IpAddress via, String dev, int oif, Integer metric, int protocol) {
        return new Request(message(RTM_DELROUTE, 0, to, via, oif, metric, protocol, null),
                "delete route " + describe(to, via, dev, metric) + " in " + netns);
    }

    private static Message message(int type, int flags, Cidr to, IpAddress via, int oif, Integer metric, int protocol,
                                   Integer scopeOrNull) {
        Cidr dst = to.network();
        if (via != null && via.family() != to.family()) throw new IllegalArgumentException("gateway " + via + " is of the other family");
        byte[] gateway = via == null ? null : Inet.bytes(via);
        boolean add = type == RTM_NEWROUTE;
        int scope = !add ? RT_SCOPE_NOWHERE : scopeOrNull != null ? scopeOrNull : gateway == null ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
        Message m = Message.request(type, flags)
                .rtmsg(Inet.family(dst), dst.prefixLength(), RT_TABLE_MAIN, protocol, scope, add ? RTN_UNICAST : 0);
        if (dst.prefixLength() > 0) m.bytes(RTA_DST, Inet.bytes(dst.address()));
        if (gateway != null) m.bytes(RTA_GATEWAY, gateway);
        if (oif > 0) m.u32(RTA_OIF, oif);
        if (metric != null) m.u32(RTA_PRIORITY, metric);
        return m;
    }

    private static String describe(Cidr to, IpAddress via, String dev, Integer metric) {
        return Operation.Routes.text(to) + (via == null ? "" : " via " + via) + (dev == null ? "" : " dev " + dev) + (metric == null ? "" : " metric " + metric);
    }
}
