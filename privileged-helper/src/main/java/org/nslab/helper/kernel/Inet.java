package org.nslab.helper.kernel;

import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.helper.netlink.Rtnl;

/** Typed addresses as netlink carries them. Parsing is the engine's ({@code engine.net}); this only encodes. */
final class Inet {
    private Inet() {}

    /** The AF_ constant of a family. */
    static int family(Family family) {
        return family == Family.IPV6 ? Rtnl.AF_INET6 : Rtnl.AF_INET;
    }

    static int family(Cidr cidr) {
        return family(cidr.family());
    }

    /** The address in network order: 4 or 16 bytes. */
    static byte[] bytes(IpAddress address) {
        return address.toBytes();
    }
}
