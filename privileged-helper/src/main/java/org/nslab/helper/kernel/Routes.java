package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.*;

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
     * {@code to} is "default" or a CIDR; {@code via} may be null (then {@code oif} must be given, and the
     * route is on-link); {@code dev} names the link whose index is {@code oif} (0: none); {@code metric} may be null.
     */
    public static Request add(String netns, String to, String via, String dev, int oif, Integer metric, boolean ipv6) {
        return add(netns, to, via, dev, oif, metric, ipv6, null, null);
    }

    /**
     * An add that puts back a route someone else added, with its own {@code protocol} and {@code scope}; either
     * null gives what the lab's own routes get.
     */
    public static Request add(String netns, String to, String via, String dev, int oif, Integer metric, boolean ipv6,
                              Integer protocol, Integer scope) {
        Message m = message(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, to, via, oif, metric, ipv6,
                protocol == null ? RTPROT_NSLAB : protocol, scope);
        return new Request(m, "add route " + describe(to, via, dev, metric) + " in " + netns);
    }

    public static Request delete(String netns, String to, String via, String dev, int oif, Integer metric, boolean ipv6) {
        return delete(netns, to, via, dev, oif, metric, ipv6, RTPROT_NSLAB);
    }

    /** A delete of a route someone else added, matched on its own {@code protocol} (such as 3 for {@code ip route add}). */
    public static Request delete(String netns, String to, String via, String dev, int oif, Integer metric, boolean ipv6, int protocol) {
        return new Request(message(RTM_DELROUTE, 0, to, via, oif, metric, ipv6, protocol, null),
                "delete route " + describe(to, via, dev, metric) + " in " + netns);
    }

    private static Message message(int type, int flags, String to, String via, int oif, Integer metric, boolean ipv6, int protocol,
                                   Integer scopeOrNull) {
        Inet.Prefix dst = "default".equals(to) ? new Inet.Prefix(new byte[ipv6 ? 16 : 4], 0) : Inet.network(to);
        if (dst.ipv6() != ipv6) throw new IllegalArgumentException("route " + to + " is not " + (ipv6 ? "IPv6" : "IPv4"));
        byte[] gateway = via == null ? null : Inet.address(via);
        if (gateway != null && (gateway.length == 16) != ipv6) throw new IllegalArgumentException("gateway " + via + " is of the other family");
        boolean add = type == RTM_NEWROUTE;
        int scope = !add ? RT_SCOPE_NOWHERE : scopeOrNull != null ? scopeOrNull : gateway == null ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
        Message m = Message.request(type, flags)
                .rtmsg(dst.family(), dst.length(), RT_TABLE_MAIN, protocol, scope, add ? RTN_UNICAST : 0);
        if (dst.length() > 0) m.bytes(RTA_DST, dst.address());
        if (gateway != null) m.bytes(RTA_GATEWAY, gateway);
        if (oif > 0) m.u32(RTA_OIF, oif);
        if (metric != null) m.u32(RTA_PRIORITY, metric);
        return m;
    }

    private static String describe(String to, String via, String dev, Integer metric) {
        return to + (via == null ? "" : " via " + via) + (dev == null ? "" : " dev " + dev) + (metric == null ? "" : " metric " + metric);
    }
}
