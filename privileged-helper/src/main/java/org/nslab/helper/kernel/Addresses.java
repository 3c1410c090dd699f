package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.*;

import org.nslab.helper.netlink.Message;

/** Address requests. IPv6 addresses skip duplicate address detection so they are usable at once. */
public final class Addresses {
    private Addresses() {}

    public static Request add(String netns, String ifname, int ifindex, String cidr) {
        return new Request(message(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, ifindex, Inet.prefix(cidr)),
                "add address " + cidr + " to " + ifname + " in " + netns);
    }

    public static Request delete(String netns, String ifname, int ifindex, String cidr) {
        return new Request(message(RTM_DELADDR, 0, ifindex, Inet.prefix(cidr)),
                "delete address " + cidr + " from " + ifname + " in " + netns);
    }

    private static Message message(int type, int flags, int ifindex, Inet.Prefix p) {
        int ifaFlags = p.ipv6() ? IFA_F_NODAD : 0;
        Message m = Message.request(type, flags).ifaddr(p.family(), p.length(), ifaFlags, RT_SCOPE_UNIVERSE, ifindex);
        m.bytes(IFA_LOCAL, p.address()).bytes(IFA_ADDRESS, p.address());
        if (type == RTM_NEWADDR) m.u32(IFA_FLAGS, ifaFlags);
        return m;
    }
}
