package org.nslab.helper.apply;

/** What the kernel reports, reduced to the fields the applier compares with a design. */
public final class Observed {
    private Observed() {}

    /**
     * {@code kind} is the rtnetlink kind ({@code veth}, {@code bridge}, {@code tun}) or null; {@code alias} may be
     * null; {@code peerElsewhere}: a veth whose peer lives in another namespace (it dies with that namespace).
     */
    public record Link(String name, String kind, String master, boolean up, int mtu, String mac, String alias,
                       boolean peerElsewhere) {
        public Link(String name, String kind, String master, boolean up, int mtu, String mac, String alias) {
            this(name, kind, master, up, mtu, mac, alias, false);
        }
    }

    /**
     * {@code cidr} as {@code 10.0.0.1/24} or {@code fd00::1/64}; {@code permanent} is false for an address with a
     * lifetime (given by router advertisements or DHCP), which the kernel or a daemon manages, not a design.
     */
    public record Address(String ifname, String cidr, boolean permanent) {
        public Address(String ifname, String cidr) {
            this(ifname, cidr, true);
        }
    }

    /** {@code to} is {@code default} or a CIDR; {@code protocol} and {@code scope} the rtm_ numbers (scope null: not known). */
    public record Route(String to, String via, String dev, Integer metric, int protocol, boolean ipv6, Integer scope) {
        public Route(String to, String via, String dev, Integer metric, int protocol, boolean ipv6) {
            this(to, via, dev, metric, protocol, ipv6, null);
        }
    }
}
