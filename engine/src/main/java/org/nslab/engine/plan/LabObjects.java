package org.nslab.engine.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.firewall.IptablesRenderer;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Tun;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.model.Vxlan;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.net.MacAddress;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.AddRoute;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateTun;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.CreateVxlan;
import org.nslab.engine.plan.Operation.LoadFirewall;
import org.nslab.engine.plan.Operation.SetNetem;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation.VethSide;

/**
 * A design flattened into the kernel objects it makes, each in apply order and named by kernel namespace:
 * what {@link Planner} orders for apply and teardown and compares for a diff. Expects a valid design.
 */
record LabObjects(
        String lab,
        Map<String, String> namespaces,
        List<Link> links,
        List<AddAddress> addresses,
        List<SetNetem> qdiscs,
        List<AddRoute> routes,
        List<SetSysctl> sysctls,
        List<Firewalls> firewalls,
        List<SetSysctl> ipv6Switches) {

    /**
     * Set in every lab namespace whose design leaves it alone: 1 where the design uses no IPv6 there (no IPv6
     * address, route, firewall6 or net.ipv6 sysctl), else 0. An idle IPv6 stack still sends router
     * solicitations, DAD probes and MLD reports from every interface that comes up, and a lab bridge floods
     * each of them to every port: with hundreds of namespaces on one bridge that is most of the kernel's work,
     * for traffic the design never asked for. Always written (also as 0), so a design that starts using IPv6
     * in a namespace switches it back on.
     */
    static final String IPV6_SWITCH = "net.ipv6.conf.all.disable_ipv6";

    /** A link the lab creates: the create step, its follow-up steps, and the interface names it occupies. */
    record Link(Operation create, List<Operation> then, List<Ref> refs, List<Ref> masters) {
        Link {
            then = List.copyOf(then);
            refs = List.copyOf(refs);
            masters = List.copyOf(masters);
        }

        /**
         * What makes a link itself: a changed identity re-creates it. A veth side's MAC, MTU and up state are not
         * part of it: apply changes them on the existing link (see the applier's expectations), so its addresses,
         * peer and sockets stay; nor is whether a bridge carries IPv6, which is switched on the bridge in place.
         * Two creates of the same veth compare equal whichever end the design lists first.
         */
        Object identity() {
            if (create instanceof CreateBridge b) {
                return List.of(new CreateBridge(b.netns(), b.ifname(), b.mtu(), b.stp(), true), then);
            }
            if (create instanceof CreateVeth v) {
                VethSide a = plain(v.a());
                VethSide b = plain(v.b());
                return compare(a, b) > 0 ? List.of(new CreateVeth(b, a), then) : List.of(new CreateVeth(a, b), then);
            }
            return List.of(create, then);
        }

        private static VethSide plain(VethSide s) {
            return new VethSide(s.netns(), s.ifname(), null, null, true, s.master());
        }

        private static int compare(VethSide x, VethSide y) {
            int c = x.netns().compareTo(y.netns());
            return c != 0 ? c : x.ifname().compareTo(y.ifname());
        }
    }

    /** An interface by kernel namespace and name. */
    record Ref(String netns, String ifname) {}

    /** The IPv4 and IPv6 firewall of one namespace; either may be null, not both. */
    record Firewalls(String netns, Firewall v4, Firewall v6) {
        Firewall of(Family family) {
            return family == Family.IPV4 ? v4 : v6;
        }
    }

    static LabObjects of(Topology t) {
        Map<String, String> namespaces = new LinkedHashMap<>();
        for (String id : t.namespaces().keySet()) {
            if (!Topology.HOST.equals(id)) namespaces.put(id, t.kernelName(id));
        }
        List<Link> links = new ArrayList<>();
        List<AddAddress> addresses = new ArrayList<>();
        t.bridges().forEach((id, br) -> bridge(t, id, br, links, addresses));
        t.tuns().forEach((id, tun) -> tun(t, id, tun, links, addresses));
        List<SetNetem> qdiscs = new ArrayList<>();
        for (Veth v : t.veths()) veth(t, v, links, addresses, qdiscs);
        for (Vxlan x : t.vxlans()) vxlan(t, x, links, addresses, qdiscs);

        List<AddRoute> routes = new ArrayList<>();
        List<SetSysctl> sysctls = new ArrayList<>();
        List<Firewalls> firewalls = new ArrayList<>();
        for (var e : nsInOrder(t).entrySet()) {
            String netns = t.kernelName(e.getKey());
            Namespace ns = e.getValue();
            for (var r : ns.routes()) {
                IpAddress via = r.via() == null ? null : IpAddress.parse(r.via());
                Cidr to = "default".equals(r.to())
                        ? Operation.Routes.defaultOf(via == null ? Family.IPV4 : via.family()) : Cidr.parse(r.to());
                routes.add(new AddRoute(netns, to, via, r.dev(), r.metric()));
            }
            // Interface keys after the others: writing ip_forward (or conf.all.forwarding) sets every interface's
            // forwarding, which would undo an interface's own value written before it.
            ns.sysctls().forEach((k, v) -> { if (!SysctlKeys.perInterface(k)) sysctls.add(new SetSysctl(netns, k, v)); });
            ns.sysctls().forEach((k, v) -> { if (SysctlKeys.perInterface(k)) sysctls.add(new SetSysctl(netns, k, v)); });
            Firewalls fw = firewalls(netns, ns);
            if (fw != null) firewalls.add(fw);
        }
        return new LabObjects(t.name(), namespaces, links, addresses, qdiscs, routes, sysctls, firewalls,
                ipv6Switches(t, addresses, routes));
    }

    private static List<SetSysctl> ipv6Switches(Topology t, List<AddAddress> addresses, List<AddRoute> routes) {
        Set<String> usingIpv6 = new java.util.HashSet<>();
        for (AddAddress a : addresses) if (a.cidr().family() == Family.IPV6) usingIpv6.add(a.netns());
        for (AddRoute r : routes) if (r.ipv6()) usingIpv6.add(r.netns());
        List<SetSysctl> out = new ArrayList<>();
        t.namespaces().forEach((id, ns) -> {
            if (Topology.HOST.equals(id) || ns.sysctls().containsKey(IPV6_SWITCH)) return;
            String netns = t.kernelName(id);
            boolean uses = usingIpv6.contains(netns) || (ns.firewall6() != null && !ns.firewall6().isEmpty())
                    || ns.sysctls().keySet().stream().anyMatch(k -> k.startsWith("net.ipv6."));
            out.add(new SetSysctl(netns, IPV6_SWITCH, uses ? "0" : "1"));
        });
        return out;
    }

    /** {@code host} first (it always exists), then the lab's namespaces by id. */
    private static Map<String, Namespace> nsInOrder(Topology t) {
        Map<String, Namespace> m = new LinkedHashMap<>();
        Namespace host = t.namespaces().get(Topology.HOST);
        if (host != null) m.put(Topology.HOST, host);
        t.namespaces().forEach((id, ns) -> { if (!Topology.HOST.equals(id)) m.put(id, ns); });
        return m;
    }

    private static boolean isIpv6(org.nslab.engine.model.Route r) {
        if (r.via() != null) return IpAddress.parse(r.via()).family() == Family.IPV6;
        return !"default".equals(r.to()) && Cidr.parse(r.to()).family() == Family.IPV6;
    }

    private static void bridge(Topology t, String id, Bridge br, List<Link> links, List<AddAddress> addresses) {
        String netns = t.kernelName(br.namespaceOrHost());
        String ifname = br.ifnameOr(id);
        // IPv6 stays on where the design uses it: an IPv6 address, or an IPv6 route through the bridge.
        boolean ipv6 = br.addresses().stream().anyMatch(a -> Cidr.parse(a).family() == Family.IPV6)
                || t.namespaces().getOrDefault(br.namespaceOrHost(), Namespace.empty()).routes().stream()
                        .anyMatch(r -> ifname.equals(r.dev()) && isIpv6(r));
        links.add(new Link(new CreateBridge(netns, ifname, br.mtu(), Boolean.TRUE.equals(br.stp()), ipv6),
                List.of(new SetUp(netns, ifname)), List.of(new Ref(netns, ifname)), List.of()));
        for (String a : br.addresses()) addresses.add(new AddAddress(netns, ifname, Cidr.parse(a)));
    }

    private static void tun(Topology t, String id, Tun tun, List<Link> links, List<AddAddress> addresses) {
        String netns = t.kernelName(tun.namespaceOrHost());
        String ifname = tun.ifnameOr(id);
        if (tun.mode() == null) throw new IllegalArgumentException("tun " + id + " has no mode; validate the design first");
        links.add(new Link(new CreateTun(netns, ifname, tun.mode(), tun.owner(), tun.group(), Boolean.TRUE.equals(tun.multiQueue())),
                tun.isUp() ? List.of(new SetUp(netns, ifname)) : List.of(), List.of(new Ref(netns, ifname)), List.of()));
        for (String a : tun.addresses()) addresses.add(new AddAddress(netns, ifname, Cidr.parse(a)));
    }

    private static void veth(Topology t, Veth v, List<Link> links, List<AddAddress> addresses, List<SetNetem> qdiscs) {
        VethSide a = side(t, v.a());
        VethSide b = side(t, v.b());
        List<Ref> masters = new ArrayList<>();
        if (a.master() != null) masters.add(new Ref(a.netns(), a.master()));
        if (b.master() != null) masters.add(new Ref(b.netns(), b.master()));
        links.add(new Link(new CreateVeth(a, b), List.of(),
                List.of(new Ref(a.netns(), a.ifname()), new Ref(b.netns(), b.ifname())), masters));
        for (String addr : v.a().addresses()) addresses.add(new AddAddress(a.netns(), a.ifname(), Cidr.parse(addr)));
        for (String addr : v.b().addresses()) addresses.add(new AddAddress(b.netns(), b.ifname(), Cidr.parse(addr)));
        // Not part of the link's create: a changed impairment replaces the qdisc, never the link.
        if (v.a().netem() != null) qdiscs.add(new SetNetem(a.netns(), a.ifname(), Impairment.of(v.a().netem())));
        if (v.b().netem() != null) qdiscs.add(new SetNetem(b.netns(), b.ifname(), Impairment.of(v.b().netem())));
    }

    private static void vxlan(Topology t, Vxlan x, List<Link> links, List<AddAddress> addresses, List<SetNetem> qdiscs) {
        VethSide s = side(t, x.end());
        List<IpAddress> remotes = x.remotes().stream().map(IpAddress::parse).toList();
        links.add(new Link(new CreateVxlan(s.netns(), s.ifname(), x.vni(), IpAddress.parse(x.local()), remotes, x.portOrDefault(),
                s.mac(), s.mtu(), s.up(), s.master()), List.of(), List.of(new Ref(s.netns(), s.ifname())),
                s.master() == null ? List.of() : List.of(new Ref(s.netns(), s.master()))));
        for (String addr : x.end().addresses()) addresses.add(new AddAddress(s.netns(), s.ifname(), Cidr.parse(addr)));
        if (x.end().netem() != null) qdiscs.add(new SetNetem(s.netns(), s.ifname(), Impairment.of(x.end().netem())));
    }

    private static VethSide side(Topology t, VethEnd end) {
        String nsId = end.namespaceIn(t);
        if (nsId == null || end.endpoint() == null || end.name() == null) {
            throw new IllegalArgumentException("veth end " + end.name() + " is not attached; validate the design first");
        }
        String master = end.bridge() == null ? null : t.bridges().get(end.bridge()).ifnameOr(end.bridge());
        return new VethSide(t.kernelName(nsId), end.name(), end.mac() == null ? null : MacAddress.parse(end.mac()), end.mtu(), end.isUp(), master);
    }

    private static Firewalls firewalls(String netns, Namespace ns) {
        Firewall v4 = ns.firewall() == null || ns.firewall().isEmpty() ? null : ns.firewall();
        Firewall v6 = ns.firewall6() == null || ns.firewall6().isEmpty() ? null : ns.firewall6();
        return v4 == null && v6 == null ? null : new Firewalls(netns, v4, v6);
    }

    /**
     * The load of one family: whole tables in a lab namespace (owned chains empty: the lab owns the whole
     * namespace), lab chains with {@code --noflush} in host.
     */
    static LoadFirewall load(String lab, String netns, Firewall fw, Family family, Set<String> alsoReset) {
        if (Topology.HOST.equals(netns)) {
            var host = IptablesRenderer.renderHost(lab, fw, family);
            return new LoadFirewall(netns, family, host.restoreInput(), host.ownedChains(), true);
        }
        return new LoadFirewall(netns, family, IptablesRenderer.renderOwned(fw, family, alsoReset), List.of(), false);
    }
}
