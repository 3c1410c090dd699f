package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.*;

import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.helper.netlink.Message;

/** Address requests. IPv6 addresses skip duplicate address detection so they are usable at once. */
public final class Addresses {
    private Addresses() {}

    public static Request add(String netns, String ifname, int ifindex, Cidr cidr) {
        return new Request(message(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, ifindex, cidr),
                "add address " + cidr + " to " + ifname + " in " + netns);
    }

    public static Request delete(String netns, String ifname, int ifindex, Cidr cidr) {
        return new Request(message(RTM_DELADDR, 0, ifindex, cidr),
                "delete address " + cidr + " from " + ifname + " in " + netns);
    }

    private static Message message(int type, int flags, int ifindex, Cidr p) {
        int ifaFlags = p.family() == Family.IPV6 ? IFA_F_NODAD : 0;
        Message m = Message.request(type, flags).ifaddr(Inet.family(p), p.prefixLength(), ifaFlags, RT_SCOPE_UNIVERSE, ifindex);
        byte[] address = Inet.bytes(p.address());
        m.bytes(IFA_LOCAL, address).bytes(IFA_ADDRESS, address);
        if (type == RTM_NEWADDR) m.u32(IFA_FLAGS, ifaFlags);
        return m;
    }
}
