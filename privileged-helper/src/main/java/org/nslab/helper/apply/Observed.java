package org.nslab.helper.apply;

import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.net.MacAddress;

/** What the kernel reports, reduced to the fields the applier compares with a design. */
public final class Observed {
    private Observed() {}

    /** The root qdisc of a link: its kind ({@code noqueue}, {@code netem}...) and, for netem, its settings. */
    public record Qdisc(String ifname, String kind, org.nslab.engine.plan.Impairment netem) {}

    /**
     * {@code kind} is the rtnetlink kind ({@code veth}, {@code bridge}, {@code tun}) or null; {@code alias} may be
     * null; {@code peerElsewhere}: a veth whose peer lives in another namespace (it dies with that namespace);
     * {@code group} its device group (0, the default, unless it was born and never tagged: see {@code BirthMark}).
     */
    public record Link(String name, String kind, String master, boolean up, int mtu, MacAddress mac, String alias,
                       boolean peerElsewhere, int group) {
        public Link(String name, String kind, String master, boolean up, int mtu, MacAddress mac, String alias) {
            this(name, kind, master, up, mtu, mac, alias, false, 0);
        }

        public Link(String name, String kind, String master, boolean up, int mtu, MacAddress mac, String alias, boolean peerElsewhere) {
            this(name, kind, master, up, mtu, mac, alias, peerElsewhere, 0);
        }
    }

    /**
     * {@code cidr} the address with its prefix length; {@code permanent} is false for an address with a
     * lifetime (given by router advertisements or DHCP), which the kernel or a daemon manages, not a design.
     */
    public record Address(String ifname, Cidr cidr, boolean permanent) {
        public Address(String ifname, Cidr cidr) {
            this(ifname, cidr, true);
        }
    }

    /** {@code to} has prefix length 0 for a default route; {@code protocol} and {@code scope} the rtm_ numbers (scope null: not known). */
    public record Route(Cidr to, IpAddress via, String dev, Integer metric, int protocol, Integer scope) {
        public Route(Cidr to, IpAddress via, String dev, Integer metric, int protocol) {
            this(to, via, dev, metric, protocol, null);
        }

        public boolean ipv6() {
            return to.family() == Family.IPV6;
        }
    }
}
