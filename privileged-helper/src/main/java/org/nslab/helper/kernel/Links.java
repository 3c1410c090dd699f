package org.nslab.helper.kernel;

import static org.nslab.helper.netlink.Rtnl.*;

import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.net.MacAddress;
import org.nslab.helper.netlink.Message;

/**
 * One small function per link request. Links are named by IFLA_IFNAME (index 0), so no lookup is needed
 * except for a master, which the kernel takes by index. {@code netns} only labels the request for errors.
 */
public final class Links {
    private Links() {}

    /** Settings of a link at its creation. {@code mac}, {@code mtu}, {@code masterIndex} may be null. */
    public record Spec(String ifname, MacAddress mac, Integer mtu, boolean up, Integer masterIndex) {}

    /**
     * A veth pair: {@code local} is made in the namespace of the socket that sends this, {@code peer} directly in
     * the namespace open as {@code peerNetnsFd} (-1: the same namespace). The kernel applies the peer's
     * IFLA_MTU and IFLA_ADDRESS, but not IFLA_MASTER nor up (the peer has no peer yet when its flags would be
     * applied: ENOTCONN); use {@link #setMaster} and {@link #setUp} afterwards. Both ends are born in {@code group}
     * (null: the default group; see {@link BirthMark}).
     */
    public static Request newVeth(String netns, Spec local, String peerNetns, int peerNetnsFd, Spec peer, Integer group) {
        if (peer.up() || peer.masterIndex() != null) throw new IllegalArgumentException("peer up/master are set afterwards");
        Message m = Message.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
        m.ifinfo(AF_UNSPEC, 0, local.up() ? IFF_UP : 0, local.up() ? IFF_UP : 0);
        settings(m, local);
        born(m, group);
        if (local.masterIndex() != null) m.u32(IFLA_MASTER, local.masterIndex());
        m.nest(IFLA_LINKINFO).string(IFLA_INFO_KIND, "veth").nest(IFLA_INFO_DATA).nest(VETH_INFO_PEER);
        m.ifinfo(AF_UNSPEC, 0, 0, 0);
        settings(m, peer);
        born(m, group);
        if (peerNetnsFd >= 0) m.u32(IFLA_NET_NS_FD, peerNetnsFd);
        m.end().end().end();
        return new Request(m, "create veth " + local.ifname() + " in " + netns + " (peer " + peer.ifname() + " in " + peerNetns + ")");
    }

    /**
     * A VXLAN device, sent from the machine's own namespace: its UDP socket is made there (bound to the
     * underlay's port, sending from {@code local}) while the device itself is born in the namespace open as
     * {@code netnsFd} (-1: here), in {@code group} (null: the default). Up and master are set afterwards from inside
     * that namespace.
     */
    public static Request newVxlan(String netns, String ifname, MacAddress mac, Integer mtu, int vni, IpAddress local, int port, int netnsFd,
                                   Integer group) {
        Message m = Message.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
        m.ifinfo(AF_UNSPEC, 0, 0, 0);
        settings(m, new Spec(ifname, mac, mtu, false, null));
        born(m, group);
        if (netnsFd >= 0) m.u32(IFLA_NET_NS_FD, netnsFd);
        m.nest(IFLA_LINKINFO).string(IFLA_INFO_KIND, "vxlan").nest(IFLA_INFO_DATA).u32(IFLA_VXLAN_ID, vni)
                .bytes(local.family() == Family.IPV4 ? IFLA_VXLAN_LOCAL : IFLA_VXLAN_LOCAL6, local.toBytes())
                .bytes(IFLA_VXLAN_PORT, new byte[] {(byte) (port >> 8), (byte) port}).end().end();
        return new Request(m, "create vxlan " + ifname + " in " + netns + " (VNI " + vni + ", port " + port + ")");
    }

    /** An all-zero forwarding entry: every frame (broadcast, unknown unicast, multicast) also goes to {@code remote}. */
    public static Request appendFlood(String netns, String ifname, int index, IpAddress remote) {
        Message m = Message.request(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_APPEND);
        m.ndmsg(AF_BRIDGE, index, NUD_NOARP | NUD_PERMANENT, NTF_SELF, 0);
        m.bytes(NDA_LLADDR, new byte[6]);
        m.bytes(NDA_DST, remote.toBytes());
        return new Request(m, "add forwarding entry to " + remote + " on " + ifname + " in " + netns);
    }

    /** A bridge, with or without spanning tree, born in {@code group} (null: the default). */
    public static Request newBridge(String netns, String ifname, Integer mtu, boolean stp, boolean up, Integer group) {
        Message m = Message.request(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL);
        m.ifinfo(AF_UNSPEC, 0, up ? IFF_UP : 0, up ? IFF_UP : 0);
        m.string(IFLA_IFNAME, ifname);
        born(m, group);
        if (mtu != null) m.u32(IFLA_MTU, mtu);
        m.nest(IFLA_LINKINFO).string(IFLA_INFO_KIND, "bridge")
                .nest(IFLA_INFO_DATA).u32(IFLA_BR_STP_STATE, stp ? 1 : 0).end().end();
        return new Request(m, "create bridge " + ifname + " in " + netns);
    }

    /** Enslaves the link to the master with that index; 0 releases it. */
    public static Request setMaster(String netns, String ifname, int masterIndex) {
        return new Request(set(ifname, 0, 0).u32(IFLA_MASTER, masterIndex), "set master of " + ifname + " in " + netns);
    }

    public static Request setUp(String netns, String ifname, boolean up) {
        return new Request(set(ifname, up ? IFF_UP : 0, IFF_UP), "set " + ifname + (up ? " up" : " down") + " in " + netns);
    }

    public static Request setMtu(String netns, String ifname, int mtu) {
        return new Request(set(ifname, 0, 0).u32(IFLA_MTU, mtu), "set mtu " + mtu + " on " + ifname + " in " + netns);
    }

    public static Request setMac(String netns, String ifname, MacAddress mac) {
        return new Request(set(ifname, 0, 0).bytes(IFLA_ADDRESS, mac.toBytes()), "set address " + mac + " on " + ifname + " in " + netns);
    }

    /**
     * What the kernel does not take at creation, in one request (as {@code ip link set X master B up} sends it):
     * the alias (null: none), the master's index (null: none), up (false: unchanged) and the MTU (null: none). With
     * the alias the link leaves its birth group for group 0, in the same request, so there is no moment when it
     * carries neither mark.
     */
    public static Request settle(String netns, String ifname, String alias, Integer masterIndex, boolean up, Integer mtu) {
        Message m = set(ifname, up ? IFF_UP : 0, up ? IFF_UP : 0);
        if (mtu != null) m.u32(IFLA_MTU, mtu);
        if (masterIndex != null) m.u32(IFLA_MASTER, masterIndex);
        if (alias != null) m.string(IFLA_IFALIAS, alias).u32(IFLA_GROUP, 0);
        StringBuilder what = new StringBuilder();
        if (alias != null) what.append("tag");
        if (masterIndex != null) what.append(what.isEmpty() ? "" : ", ").append("enslave");
        if (up) what.append(what.isEmpty() ? "" : ", ").append("bring up");
        if (mtu != null) what.append(what.isEmpty() ? "" : ", ").append("set mtu ").append(mtu).append(" on");
        return new Request(m, what + " " + ifname + " in " + netns);
    }

    /** The device group a link is born in (taken at creation, unlike IFLA_IFALIAS); null: the default. */
    private static void born(Message m, Integer group) {
        if (group != null) m.u32(IFLA_GROUP, group);
    }

    public static Request delete(String netns, String ifname) {
        Message m = Message.request(RTM_DELLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0).string(IFLA_IFNAME, ifname);
        return new Request(m, "delete link " + ifname + " in " + netns);
    }

    /** A request that fetches one link by name (the answer carries its index). */
    static Message get(String ifname) {
        return Message.request(RTM_GETLINK, 0).ifinfo(AF_UNSPEC, 0, 0, 0).string(IFLA_IFNAME, ifname);
    }

    private static Message set(String ifname, int flags, int change) {
        return Message.request(RTM_NEWLINK, 0).ifinfo(AF_UNSPEC, 0, flags, change).string(IFLA_IFNAME, ifname);
    }

    private static void settings(Message m, Spec s) {
        m.string(IFLA_IFNAME, s.ifname());
        if (s.mtu() != null) m.u32(IFLA_MTU, s.mtu());
        if (s.mac() != null) m.bytes(IFLA_ADDRESS, s.mac().toBytes());
    }
}
