package org.nslab.helper.netlink;

/** Constants of the netlink and rtnetlink wire format (linux/netlink.h, rtnetlink.h, if_link.h, if_addr.h). */
public final class Rtnl {
    private Rtnl() {}

    public static final int NLMSG_HDRLEN = 16;
    public static final int NLMSG_ERROR = 2, NLMSG_DONE = 3;

    public static final int NLM_F_REQUEST = 0x1, NLM_F_MULTI = 0x2, NLM_F_ACK = 0x4, NLM_F_DUMP_INTR = 0x10;
    public static final int NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400, NLM_F_DUMP = 0x300;
    /** Flags of an ACK message: the ACK carries TLVs (extended ack). */
    public static final int NLM_F_CAPPED = 0x100, NLM_F_ACK_TLVS = 0x200;
    public static final int NLMSGERR_ATTR_MSG = 1;

    public static final int RTM_NEWLINK = 16, RTM_DELLINK = 17, RTM_GETLINK = 18, RTM_SETLINK = 19;
    public static final int RTM_NEWADDR = 20, RTM_DELADDR = 21, RTM_GETADDR = 22;
    public static final int RTM_NEWROUTE = 24, RTM_DELROUTE = 25, RTM_GETROUTE = 26;
    /** Namespace ids: which id a namespace has as seen from the one the socket lives in. */
    public static final int RTM_NEWNSID = 88, RTM_GETNSID = 90, NETNSA_NSID = 1, NETNSA_FD = 3, RTGENMSG_LEN = 4;
    /** A TUN/TAP device's IFLA_INFO_DATA: owner and group (u32, -1 none), type (u8: 1 tun, 2 tap), persist, multi-queue. */
    public static final int IFLA_TUN_OWNER = 1, IFLA_TUN_GROUP = 2, IFLA_TUN_TYPE = 3, IFLA_TUN_PERSIST = 6, IFLA_TUN_MULTI_QUEUE = 7;
    public static final int RTM_NEWQDISC = 36, RTM_DELQDISC = 37, RTM_GETQDISC = 38;
    public static final int RTM_DELNSID = 89;
    /** Multicast groups as bind() bits: link changes, and namespace ids going away (RTNLGRP_NSID = 28). */
    public static final int RTMGRP_LINK = 1, RTMGRP_NSID = 1 << (28 - 1);

    public static final int AF_UNSPEC = 0, AF_INET = 2, AF_INET6 = 10;

    public static final int IFF_UP = 0x1, IFF_LOOPBACK = 0x8, IFF_LOWER_UP = 0x10000;

    public static final int IFLA_ADDRESS = 1, IFLA_IFNAME = 3, IFLA_MTU = 4, IFLA_LINK = 5, IFLA_MASTER = 10;
    public static final int IFLA_LINKINFO = 18, IFLA_IFALIAS = 20, IFLA_NET_NS_FD = 28, IFLA_LINK_NETNSID = 37;
    public static final int IFLA_GROUP = 27;
    /** RFC 2863 operational state (IF_OPER_UP: the device can pass packets; the kernel sets it after carrier, asynchronously). */
    public static final int IFLA_OPERSTATE = 16, IF_OPER_UP = 6;
    public static final int IFLA_INFO_KIND = 1, IFLA_INFO_DATA = 2;
    public static final int VETH_INFO_PEER = 1;
    /** A VXLAN device's IFLA_INFO_DATA (linux/if_link.h); the port is big-endian. */
    public static final int IFLA_VXLAN_ID = 1, IFLA_VXLAN_LOCAL = 4, IFLA_VXLAN_PORT = 15, IFLA_VXLAN_LOCAL6 = 17;
    /** Forwarding entries (linux/neighbour.h): struct ndmsg, its attributes, the bridge family, flags and states. */
    public static final int RTM_NEWNEIGH = 28, RTM_GETNEIGH = 30, NDMSG_LEN = 12, NDA_DST = 1, NDA_LLADDR = 2, AF_BRIDGE = 7;
    public static final int NTF_SELF = 0x02, NUD_NOARP = 0x40, NUD_PERMANENT = 0x80, NLM_F_APPEND = 0x800;
    public static final int IFLA_BR_STP_STATE = 5;
    public static final int IFINFOMSG_LEN = 16;

    public static final int IFA_ADDRESS = 1, IFA_LOCAL = 2, IFA_LABEL = 3, IFA_FLAGS = 8;
    public static final int IFA_F_NODAD = 0x02, IFA_F_PERMANENT = 0x80;
    public static final int IFADDRMSG_LEN = 8;

    public static final int RTA_DST = 1, RTA_OIF = 4, RTA_GATEWAY = 5, RTA_PRIORITY = 6, RTA_TABLE = 15;
    public static final int RT_TABLE_MAIN = 254, RT_TABLE_LOCAL = 255;
    public static final int RT_SCOPE_UNIVERSE = 0, RT_SCOPE_LINK = 253, RT_SCOPE_HOST = 254;
    public static final int RTN_UNICAST = 1;
    public static final int RTPROT_UNSPEC = 0, RTPROT_KERNEL = 2, RTPROT_BOOT = 3, RTPROT_STATIC = 4;
    /** rtm_protocol value marking routes this project added (78 = 0x4e). */
    public static final int RTPROT_NSLAB = 78;
    public static final int RTMSG_LEN = 12;

    /** Traffic control (linux/rtnetlink.h, pkt_sched.h): struct tcmsg, its attributes, netem's options. */
    public static final int TCMSG_LEN = 20, TCA_KIND = 1, TCA_OPTIONS = 2;
    public static final int TC_H_ROOT = 0xFFFFFFFF;
    public static final int TCA_NETEM_CORR = 1, TCA_NETEM_REORDER = 3, TCA_NETEM_CORRUPT = 4, TCA_NETEM_RATE = 6,
            TCA_NETEM_RATE64 = 8, TCA_NETEM_LATENCY64 = 10, TCA_NETEM_JITTER64 = 11;
    /** struct tc_netem_qopt: latency, limit, loss, gap, duplicate, jitter (u32 each; times in 64 ns ticks). */
    public static final int TC_NETEM_QOPT_LEN = 24;

    /** Attribute type bits that are flags, not part of the type. */
    public static final int NLA_F_NESTED = 0x8000, NLA_TYPE_MASK = 0x3fff;

    public static int align(int length) {
        return (length + 3) & ~3;
    }
}
