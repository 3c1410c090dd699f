package org.nslab.engine.plan;

import java.util.List;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.net.MacAddress;

/**
 * One kernel step of a plan. Namespaces are named by their kernel name; {@code "host"} is the namespace the
 * applier runs in. Every step that creates something has an inverse that the applier records before doing it.
 * Addresses are typed values, parsed once from the design: what the kernel and the exporter receive is canonical.
 */
public sealed interface Operation {

    /** Where the step acts, by kernel namespace name. */
    String netns();

    /** A one-line human description, as {@code nslab plan} prints it. */
    default String describe() {
        return StepText.of(this);
    }

    record CreateNamespace(String netns) implements Operation {}

    record DeleteNamespace(String netns) implements Operation {}

    /**
     * {@code ipv6}: the design gives the bridge an IPv6 address or an IPv6 route through it. Without either it gets no
     * IPv6 link-local address
     * either, so it sends no duplicate-address probes, MLD reports or router solicitations for the lab's
     * switches to flood (a chain of bridges would carry each to every other). Bridge ports never get one.
     * A re-apply that changes only {@code ipv6} keeps the bridge and its ports and writes {@link #ipv6Switch()}.
     */
    record CreateBridge(String netns, String ifname, Integer mtu, boolean stp, boolean ipv6) implements Operation {
        public CreateBridge(String netns, String ifname, Integer mtu, boolean stp) {
            this(netns, ifname, mtu, stp, true);
        }

        /** The bridge's own IPv6 switch set as {@code ipv6} says, for a bridge that exists already. */
        public SetSysctl ipv6Switch() {
            return new SetSysctl(netns, "net.ipv6.conf." + ifname + ".disable_ipv6", ipv6 ? "0" : "1");
        }
    }

    /** One side of a veth pair, born directly in its namespace; {@code master} names a bridge there, or is null. */
    record VethSide(String netns, String ifname, MacAddress mac, Integer mtu, boolean up, String master) {}

    record CreateVeth(VethSide a, VethSide b) implements Operation {
        public String netns() { return a.netns(); }
    }

    record CreateTun(String netns, String ifname, org.nslab.engine.model.TunMode mode, String owner, String group,
                     boolean multiQueue) implements Operation {}

    /**
     * A VXLAN device: made from the machine's own namespace (where its UDP socket stays, bound to the underlay)
     * and born in {@code netns}; one all-zero forwarding entry per remote sends every frame to each of them
     * (head-end replication). {@code master} names a bridge in {@code netns}, or is null.
     */
    record CreateVxlan(String netns, String ifname, int vni, IpAddress local, List<IpAddress> remotes, int port, MacAddress mac,
                       Integer mtu, boolean up, String master) implements Operation {
        public CreateVxlan {
            remotes = List.copyOf(remotes);
        }
    }

    /** Deletes a link the lab created outside its own namespaces (for example a bridge in host). */
    record DeleteLink(String netns, String ifname) implements Operation {}

    record SetUp(String netns, String ifname) implements Operation {}

    /** Takes an existing link down in place (a design that turns a link off keeps the link, its addresses and peer). */
    record SetDown(String netns, String ifname) implements Operation {}

    /** Changes the MTU of an existing link (a repair: the planner sets MTUs at creation). */
    record SetMtu(String netns, String ifname, int mtu) implements Operation {}

    /** Changes the MAC address of an existing link (a repair). */
    record SetMac(String netns, String ifname, MacAddress mac) implements Operation {}

    /** Makes an existing link a port of bridge {@code master} in its namespace, or of none when it is null (a repair). */
    record SetMaster(String netns, String ifname, String master) implements Operation {}

    /**
     * Makes {@code impairment} the root qdisc of the link, replacing whatever qdisc it has: the link, its addresses
     * and its sockets stay (one RTM_NEWQDISC with NLM_F_REPLACE).
     */
    record SetNetem(String netns, String ifname, Impairment impairment) implements Operation {}

    /** Removes the link's root qdisc, which gives it back the kernel's default. */
    record DeleteNetem(String netns, String ifname) implements Operation {}

    record AddAddress(String netns, String ifname, Cidr cidr) implements Operation {}

    record DeleteAddress(String netns, String ifname, Cidr cidr) implements Operation {}

    /**
     * What adding and deleting a route have in common: the route, one of the main table, with the same fields in
     * both, so one JSON form reads and writes either and an undo turns one into the other field for field.
     */
    sealed interface RouteStep extends Operation permits AddRoute, DeleteRoute {
        Cidr to();

        IpAddress via();

        String dev();

        Integer metric();

        Integer protocol();

        Integer scope();

        default boolean ipv6() { return to().family() == Family.IPV6; }
    }

    /**
     * {@code to} is a network (prefix length 0 is the default route of its family); {@code via} and {@code dev}
     * may each be null, not both. {@code protocol} and {@code scope} are null for the lab's own routes; set, they
     * put back a route someone else added (the undo of a {@link DeleteRoute}) with its own rtm_protocol and
     * rtm_scope, so the route is again exactly theirs.
     */
    record AddRoute(String netns, Cidr to, IpAddress via, String dev, Integer metric, Integer protocol, Integer scope)
            implements RouteStep {
        public AddRoute {
            Routes.check(to, via, dev);
        }

        public AddRoute(String netns, Cidr to, IpAddress via, String dev, Integer metric) {
            this(netns, to, via, dev, metric, null, null);
        }
    }

    /**
     * {@code protocol} is the route's rtm_protocol when someone else added it (such as 3, {@code ip route add}), null
     * for the lab's own routes: a delete matches on it, so it never removes a route other than the one meant.
     * {@code scope} is such a route's rtm_scope, kept only so that an undo puts the route back as it was.
     */
    record DeleteRoute(String netns, Cidr to, IpAddress via, String dev, Integer metric, Integer protocol, Integer scope)
            implements RouteStep {
        public DeleteRoute {
            Routes.check(to, via, dev);
        }
    }

    /** What route destinations have in common: how they are checked and written. */
    final class Routes {
        private Routes() {}

        /** The default route of a family: {@code 0.0.0.0/0} or {@code ::/0}. */
        public static Cidr defaultOf(Family family) {
            return new Cidr(IpAddress.parse(family == Family.IPV4 ? "0.0.0.0" : "::"), 0);
        }

        /** {@code default} for a prefix of length 0, as {@code ip route} and the design write it. */
        public static String text(Cidr to) {
            return to.prefixLength() == 0 ? "default" : to.toString();
        }

        static void check(Cidr to, IpAddress via, String dev) {
            if (to == null) throw new IllegalArgumentException("a route needs a destination");
            if (!to.isNetwork()) throw new IllegalArgumentException("route destination " + to + " has host bits set");
            if (via == null && dev == null) throw new IllegalArgumentException("route " + text(to) + " needs a gateway or a device");
            if (via != null && via.family() != to.family()) {
                throw new IllegalArgumentException("route " + text(to) + " has a gateway of the other family: " + via);
            }
        }
    }

    /** {@code key} is dotted ({@code net.ipv4.ip_forward}). */
    record SetSysctl(String netns, String key, String value) implements Operation {}

    /**
     * Puts back a sysctl value recorded before the lab changed it. A null {@code value} means "the value the
     * applier recorded when this lab first set the key" (the planner does not know it).
     */
    record RestoreSysctl(String netns, String key, String value) implements Operation {}

    /**
     * Loads rendered iptables-restore input into a namespace. {@code restoreInput} is produced by the engine's
     * renderer from structured rules only; {@code ownedChains} are the chains the lab owns (for host: the
     * lab-prefixed chains and their jump rules are removed at teardown).
     */
    record LoadFirewall(String netns, Family family, String restoreInput, List<String> ownedChains, boolean noflush)
            implements Operation {
        public LoadFirewall {
            ownedChains = List.copyOf(ownedChains);
        }
    }

    /** Removes the lab's own chains (and the jumps into them) from a namespace the lab does not own. */
    record UnloadFirewall(String netns, Family family, List<String> ownedChains) implements Operation {
        public UnloadFirewall {
            ownedChains = List.copyOf(ownedChains);
        }
    }

    /**
     * Gives the namespace a UTS namespace of its own (made when missing, kept alive by a bind mount like the
     * network namespace, see {@code docs/plan.md}) and sets its host name. It outlives no namespace delete:
     * a {@link DeleteUts} removes it.
     */
    record SetHostname(String netns, String hostname) implements Operation {}

    /** Removes the namespace's UTS namespace (its bind mount); processes still in it keep it until they end. */
    record DeleteUts(String netns) implements Operation {}

    /**
     * Writes {@code /etc/netns/<netns>/hosts} (the directory made when missing). {@code text} starts with the
     * lab's marker line ({@link HostsFile#marker}), by which a later run knows the file is the lab's.
     */
    record WriteHosts(String netns, String lab, String text) implements Operation {}

    /** Removes the lab's hosts file of a namespace, and its directory when {@code removeDirectory} and it is empty. */
    record RemoveHosts(String netns, String lab, boolean removeDirectory) implements Operation {}

    /** Steps that make a device: the kernel takes it in more than one request, so a run may stop between them. */
    static boolean createsLink(Operation op) {
        return op instanceof CreateBridge || op instanceof CreateVeth || op instanceof CreateVxlan || op instanceof CreateTun;
    }

    /** Steps on what lives beside a network namespace rather than in it: deleting the namespace does not remove it. */
    static boolean outlivesNamespace(Operation op) {
        return op instanceof SetHostname || op instanceof DeleteUts || op instanceof WriteHosts || op instanceof RemoveHosts;
    }
}
