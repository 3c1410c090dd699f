package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.*;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.net.MacAddress;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.libc.LibC;
import org.nslab.helper.netlink.Attributes;
import org.nslab.helper.netlink.ErrnoException;
import org.nslab.helper.netlink.Message;
import org.nslab.helper.netlink.Reply;

/** Reads what a namespace holds (links, addresses, main-table routes) with rtnetlink dumps. */
public final class KernelObserver {
    private KernelObserver() {}

    /**
     * One link. {@code kind} is the IFLA_INFO_KIND ("veth", "bridge", "tun") or null for plain devices;
     * {@code peerIndex} is IFLA_LINK (a veth's peer index, in {@code peerNetnsId}'s namespace when that is set);
     * {@code group} the device group (0: the default).
     */
    public record LinkInfo(String name, int index, String kind, String master, boolean up, int mtu, MacAddress mac,
                           String alias, Integer peerIndex, Integer peerNetnsId, int group) {}

    /** An address with its prefix length; {@code flags} are IFA_F_* bits. */
    public record AddressInfo(String ifname, Cidr cidr, int flags) {
        public boolean ipv6() { return cidr.family() == Family.IPV6; }
    }

    /** A route (of the main table, unicast, unless read with {@link #routesOfEveryTable}); {@code to} has prefix length 0 for a default route; {@code protocol} 78 marks this project's. */
    public record RouteInfo(Cidr to, IpAddress via, String dev, Integer metric, int protocol, int scope) {
        public boolean ipv6() { return to.family() == Family.IPV6; }
    }

    /** Everything at once, from one socket. */
    public record State(List<LinkInfo> links, List<AddressInfo> addresses, List<RouteInfo> routes) {}

    public static State observe(String netns) throws KernelException {
        try (NetHandle h = NetHandle.open(netns)) {
            return observe(h);
        }
    }

    public static State observe(NetHandle h) throws KernelException {
        List<LinkInfo> links = links(h);
        Map<Integer, String> names = names(links);
        return new State(links, addresses(h, names), routes(h, names));
    }

    /** The names of the links a namespace has from birth (lo, and fallback tunnels of loaded modules such as sit0). */
    public static java.util.Set<String> linksOfAFreshNamespace() throws KernelException {
        return InNamespace.onFreshThread("fresh namespace", () -> {
            LibC.INSTANCE.unshare(LibC.CLONE_NEWNET);
            try (NetHandle h = new NetHandle("fresh", org.nslab.helper.netlink.NetlinkSocket.open())) {
                java.util.Set<String> names = new java.util.HashSet<>();
                for (LinkInfo l : links(h)) names.add(l.name());
                return names;
            }
        });
    }

    public static List<LinkInfo> links(String netns) throws KernelException {
        try (NetHandle h = NetHandle.open(netns)) {
            return links(h);
        }
    }

    public static List<LinkInfo> links(NetHandle h) throws KernelException {
        List<Reply> replies = dump(h, Message.request(RTM_GETLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0), "links");
        Map<Integer, String> names = new HashMap<>();
        for (Reply r : replies) names.put(r.body().getInt(4), r.attributes(IFINFOMSG_LEN).string(IFLA_IFNAME));
        List<LinkInfo> out = new ArrayList<>();
        for (Reply r : replies) {
            if (r.type() != RTM_NEWLINK) continue;
            ByteBuffer b = r.body();
            Attributes a = r.attributes(IFINFOMSG_LEN);
            Integer master = a.u32(IFLA_MASTER);
            Integer mtu = a.u32(IFLA_MTU);
            Integer link = a.u32(IFLA_LINK);
            int index = b.getInt(4);
            // A veth's peer may have the same index in its own namespace: only the netns id tells them apart.
            Integer netnsId = a.u32(IFLA_LINK_NETNSID);
            Integer group = a.u32(IFLA_GROUP);
            out.add(new LinkInfo(a.string(IFLA_IFNAME), index, a.nested(IFLA_LINKINFO).string(IFLA_INFO_KIND),
                    master == null ? null : names.get(master), (b.getInt(8) & IFF_UP) != 0, mtu == null ? 0 : mtu,
                    mac(a.bytes(IFLA_ADDRESS)), a.string(IFLA_IFALIAS),
                    link == null || (link == index && netnsId == null) ? null : link, netnsId, group == null ? 0 : group));
        }
        return out;
    }

    /** A VXLAN device of a namespace: its VNI and UDP port (host order), and its alias (an nslab tag, or null). */
    public record VxlanInfo(String name, String alias, int vni, int port) {}

    /** The VXLAN devices of the namespace {@code h} names. */
    public static List<VxlanInfo> vxlans(NetHandle h) throws KernelException {
        List<VxlanInfo> out = new ArrayList<>();
        for (Reply r : dump(h, Message.request(RTM_GETLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0), "links")) {
            if (r.type() != RTM_NEWLINK) continue;
            Attributes a = r.attributes(IFINFOMSG_LEN);
            Attributes info = a.nested(IFLA_LINKINFO);
            if (!"vxlan".equals(info.string(IFLA_INFO_KIND))) continue;
            Attributes data = info.nested(IFLA_INFO_DATA);
            Integer vni = data.u32(IFLA_VXLAN_ID);
            byte[] port = data.bytes(IFLA_VXLAN_PORT);
            out.add(new VxlanInfo(a.string(IFLA_IFNAME), a.string(IFLA_IFALIAS), vni == null ? 0 : vni,
                    port == null || port.length < 2 ? 0 : ((port[0] & 0xff) << 8) | (port[1] & 0xff)));
        }
        return out;
    }

    public static List<AddressInfo> addresses(NetHandle h) throws KernelException {
        return addresses(h, names(links(h)));
    }

    public static List<RouteInfo> routes(NetHandle h) throws KernelException {
        return routes(h, names(links(h)));
    }

    private static List<AddressInfo> addresses(NetHandle h, Map<Integer, String> names) throws KernelException {
        List<AddressInfo> out = new ArrayList<>();
        for (Reply r : dump(h, Message.request(RTM_GETADDR, 0).ifaddr(AF_UNSPEC, 0, 0, 0, 0), "addresses")) {
            if (r.type() != RTM_NEWADDR) continue;
            ByteBuffer b = r.body();
            Attributes a = r.attributes(IFADDRMSG_LEN);
            byte[] addr = a.has(IFA_LOCAL) ? a.bytes(IFA_LOCAL) : a.bytes(IFA_ADDRESS);
            Integer flags = a.u32(IFA_FLAGS);
            out.add(new AddressInfo(names.get(b.getInt(4)), new Cidr(IpAddress.ofBytes(addr), Byte.toUnsignedInt(b.get(1))),
                    flags != null ? flags : Byte.toUnsignedInt(b.get(2))));
        }
        return out;
    }

    /**
     * Routes of every table but {@code local} (which mirrors the namespace's own addresses), of every type: what the
     * namespace would send anywhere, including policy-routing tables and blackholes.
     */
    public static List<RouteInfo> routesOfEveryTable(NetHandle h) throws KernelException {
        return routes(h, names(links(h)), true);
    }

    private static List<RouteInfo> routes(NetHandle h, Map<Integer, String> names) throws KernelException {
        return routes(h, names, false);
    }

    private static List<RouteInfo> routes(NetHandle h, Map<Integer, String> names, boolean everyTable) throws KernelException {
        List<RouteInfo> out = new ArrayList<>();
        for (Reply r : dump(h, Message.request(RTM_GETROUTE, 0).rtmsg(AF_UNSPEC, 0, 0, 0, 0, 0), "routes")) {
            if (r.type() != RTM_NEWROUTE) continue;
            ByteBuffer b = r.body();
            Attributes a = r.attributes(RTMSG_LEN);
            Integer table = a.u32(RTA_TABLE);
            int tableId = table != null ? table : Byte.toUnsignedInt(b.get(4));
            if (everyTable ? tableId == RT_TABLE_LOCAL : tableId != RT_TABLE_MAIN) continue;
            if (!everyTable && Byte.toUnsignedInt(b.get(7)) != RTN_UNICAST) continue;
            int dstLen = Byte.toUnsignedInt(b.get(1));
            Family family = b.get(0) == AF_INET6 ? Family.IPV6 : Family.IPV4;
            Cidr to = dstLen == 0 && !a.has(RTA_DST) ? Operation.Routes.defaultOf(family)
                    : new Cidr(IpAddress.ofBytes(a.bytes(RTA_DST)), dstLen);
            byte[] gateway = a.bytes(RTA_GATEWAY);
            Integer oif = a.u32(RTA_OIF);
            out.add(new RouteInfo(to, gateway == null ? null : IpAddress.ofBytes(gateway),
                    oif == null ? null : names.get(oif), a.u32(RTA_PRIORITY), Byte.toUnsignedInt(b.get(5)),
                    Byte.toUnsignedInt(b.get(6))));
        }
        return out;
    }

    private static Map<Integer, String> names(List<LinkInfo> links) {
        Map<Integer, String> names = new HashMap<>();
        for (LinkInfo l : links) names.put(l.index(), l.name());
        return names;
    }

    private static List<Reply> dump(NetHandle h, Message request, String what) throws KernelException {
        try {
            return h.socket().dump(request);
        } catch (ErrnoException e) {
            throw KernelException.of("dump " + what + " in " + h.netns(), e);
        }
    }

    /** A link's hardware address; devices without an Ethernet one (lo's is all zeros, a TUN has none) report none or another length. */
    private static MacAddress mac(byte[] address) {
        return address == null || address.length != 6 ? null : MacAddress.ofBytes(address);
    }
}
