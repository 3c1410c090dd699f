package org.nslab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.AddRoute;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateNamespace;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.DeleteAddress;
import org.nslab.engine.plan.Operation.DeleteLink;
import org.nslab.engine.plan.Operation.DeleteNamespace;
import org.nslab.engine.plan.Operation.DeleteRoute;
import org.nslab.engine.plan.Operation.LoadFirewall;
import org.nslab.engine.plan.Operation.RestoreSysctl;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation.UnloadFirewall;
import org.nslab.engine.plan.Operation.VethSide;

class DiffTest {
    private final Topology lab = Designs.routerLab();

    private Topology withNamespace(Topology t, String id, Namespace ns) {
        Map<String, Namespace> m = new TreeMap<>(t.namespaces());
        m.put(id, ns);
        return t.withNamespaces(m);
    }

    private Topology withVeth(Topology t, Veth v) {
        List<Veth> veths = new ArrayList<>(t.veths());
        veths.add(v);
        return t.withVeths(veths);
    }

    private static boolean isRemoval(Operation op) {
        return switch (op) {
            case DeleteNamespace d -> true;
            case DeleteLink d -> true;
            case DeleteAddress d -> true;
            case DeleteRoute d -> true;
            case RestoreSysctl r -> true;
            case UnloadFirewall u -> true;
            default -> false;
        };
    }

    @Test
    void unchangedDesignGivesAnEmptyDiff() {
        assertThat(Planner.diff(lab, Designs.routerLab())).isEmpty();
    }

    @Test
    void diffFromNothingIsTheApplyPlan() {
        assertThat(Planner.diff(Topology.empty("lab"), lab)).isEqualTo(Planner.apply(lab));
    }

    @Test
    void addedNamespaceWithVethCreatesOnlyThoseAndTouchesNoOtherNamespace() {
        Topology desired = withVeth(withNamespace(lab, "green", Namespace.empty()),
                new Veth(Designs.inNs("green", "eth0", "10.0.3.2/24"), Designs.inNs("router", "eth2", "10.0.3.1/24")));
        assertThat(Planner.diff(lab, desired)).containsExactly(
                new CreateNamespace("lab-green"),
                new SetUp("lab-green", "lo"),
                new SetSysctl("lab-green", LabObjects.IPV6_SWITCH, "1"),
                new CreateVeth(new VethSide("lab-green", "eth0", null, null, true, null),
                        new VethSide("lab-router", "eth2", null, null, true, null)),
                new AddAddress("lab-green", "eth0", Cidr.parse("10.0.3.2/24")),
                new AddAddress("lab-router", "eth2", Cidr.parse("10.0.3.1/24")));
    }

    @Test
    void removedNamespaceIsOneDeleteAndItsVethPeerInAKeptNamespaceGoesFirstFromThere() {
        // The kernel frees a deleted namespace's devices in the background: the peer would linger in router.
        Topology desired = Designs.routerLab();
        Map<String, Namespace> ns = new TreeMap<>(desired.namespaces());
        ns.remove("blue");
        desired = desired.withNamespaces(ns).withVeths(desired.veths().subList(0, 2));
        assertThat(Planner.diff(lab, desired)).containsExactly(new DeleteLink("lab-router", "eth1"), new DeleteNamespace("lab-blue"));
    }

    @Test
    void aVethEndsMacMtuAndUpStateAreNoReasonToMakeTheLinkAgain() {
        // Apply changes them on the existing link (its expectations), so addresses, peer and sockets stay.
        org.nslab.engine.model.Veth v = lab.veths().get(0);
        org.nslab.engine.model.VethEnd a = v.a();
        org.nslab.engine.model.VethEnd changed = new org.nslab.engine.model.VethEnd(a.namespace(), a.bridge(), a.name(), a.addresses(),
                "02:00:00:00:00:09", 1400, false, a.netem());
        List<org.nslab.engine.model.Veth> veths = new java.util.ArrayList<>(lab.veths());
        veths.set(0, new org.nslab.engine.model.Veth(changed, v.b()));
        assertThat(Planner.diff(lab, lab.withVeths(veths))).isEmpty();
    }

    @Test
    void replacingALinksOnlyIpv4AddressAddsItsRoutesAgain() {
        // The kernel flushes the IPv4 routes through a link when its last IPv4 address goes.
        Topology desired = lab.withTuns(Map.of("tun0", new org.nslab.engine.model.Tun("router", org.nslab.engine.model.TunMode.TUN, null,
                List.of("10.9.0.2/16"), null, null, null, null)));
        List<Operation> diff = Planner.diff(lab, desired);
        DeleteRoute delete = new DeleteRoute("lab-router", Cidr.parse("10.9.0.0/16"), null, "tun0", 100, null, null);
        AddRoute add = new AddRoute("lab-router", Cidr.parse("10.9.0.0/16"), null, "tun0", 100);
        assertThat(diff).contains(delete, new DeleteAddress("lab-router", "tun0", Cidr.parse("10.9.0.1/16")),
                new AddAddress("lab-router", "tun0", Cidr.parse("10.9.0.2/16")), add);
        assertThat(diff.indexOf(delete)).isLessThan(diff.indexOf(new DeleteAddress("lab-router", "tun0", Cidr.parse("10.9.0.1/16"))));
        assertThat(diff.indexOf(add)).isGreaterThan(diff.indexOf(new AddAddress("lab-router", "tun0", Cidr.parse("10.9.0.2/16"))));
    }

    @Test
    void removedVethIsOneDeleteOfOneEnd() {
        Topology desired = lab.withVeths(lab.veths().subList(1, 3))
                .withNamespaces(Map.of("red", Namespace.empty()));
        Topology applied = lab.withNamespaces(Map.of("red", Namespace.empty()));
        assertThat(Planner.diff(applied, desired)).containsExactly(new DeleteLink("lab-red", "eth0"));
    }

    @Test
    void vethListedTheOtherWayRoundIsTheSamePair() {
        List<Veth> veths = new ArrayList<>(lab.veths());
        veths.set(2, veths.get(2).reverse());
        assertThat(Planner.diff(lab, lab.withVeths(veths))).isEmpty();
    }

    @Test
    void changedAddressIsDeletedAndAddedAndRoutesThroughItAreRenewed() {
        List<Veth> veths = new ArrayList<>(lab.veths());
        veths.set(2, new Veth(Designs.inNs("router", "eth1", "10.0.2.1/24"), Designs.inNs("blue", "eth0", "10.0.2.3/24")));
        Topology desired = lab.withVeths(veths);
        assertThat(Planner.diff(lab, desired)).containsExactly(
                new DeleteRoute("lab-blue", Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.0.2.1"), null, null, null, null),
                new DeleteAddress("lab-blue", "eth0", Cidr.parse("10.0.2.2/24")),
                new AddAddress("lab-blue", "eth0", Cidr.parse("10.0.2.3/24")),
                new AddRoute("lab-blue", Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.0.2.1"), null, null));
    }

    @Test
    void addedAddressTouchesNothingElse() {
        List<Veth> veths = new ArrayList<>(lab.veths());
        veths.set(2, new Veth(Designs.inNs("router", "eth1", "10.0.2.1/24", "10.0.2.5/24"), Designs.inNs("blue", "eth0", "10.0.2.2/24")));
        assertThat(Planner.diff(lab, lab.withVeths(veths))).containsExactly(new AddAddress("lab-router", "eth1", Cidr.parse("10.0.2.5/24")));
    }

    @Test
    void aNamespacesFirstIpv6AddressSwitchesIpv6OnThereBeforeTheAddressIsAdded() {
        List<Veth> veths = new ArrayList<>(lab.veths());
        veths.set(2, new Veth(Designs.inNs("router", "eth1", "10.0.2.1/24", "fd00:2::1/64"), Designs.inNs("blue", "eth0", "10.0.2.2/24")));
        assertThat(Planner.diff(lab, lab.withVeths(veths))).containsExactly(
                new RestoreSysctl("lab-router", LabObjects.IPV6_SWITCH, null),
                new SetSysctl("lab-router", LabObjects.IPV6_SWITCH, "0"),
                new AddAddress("lab-router", "eth1", Cidr.parse("fd00:2::1/64")));
    }

    @Test
    void changedRouteIsDeletedAndAddedAlone() {
        Topology desired = withNamespace(lab, "red", Namespace.empty().withRoutes(List.of(new Route("default", "10.0.1.1", null, 50))));
        assertThat(Planner.diff(lab, desired)).containsExactly(
                new DeleteRoute("lab-red", Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.0.1.1"), null, null, null, null),
                new AddRoute("lab-red", Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.0.1.1"), null, 50));
    }

    @Test
    void changedSysctlIsRestoredThenSetAndAddedOneIsJustSet() {
        Namespace router = lab.namespaces().get("router")
                .withSysctls(Map.of("net.ipv4.ip_forward", "0", "net.ipv4.conf.all.rp_filter", "2"));
        assertThat(Planner.diff(lab, withNamespace(lab, "router", router))).containsExactly(
                new RestoreSysctl("lab-router", "net.ipv4.ip_forward", null),
                new SetSysctl("lab-router", "net.ipv4.conf.all.rp_filter", "2"),
                new SetSysctl("lab-router", "net.ipv4.ip_forward", "0"));
    }

    @Test
    void anIpv6SysctlInTheDesignKeepsIpv6OnAndTheDesignsOwnSwitchWins() {
        Namespace router = lab.namespaces().get("router").withSysctls(Map.of("net.ipv4.ip_forward", "1",
                "net.ipv6.conf.all.forwarding", "1"));
        assertThat(Planner.apply(withNamespace(lab, "router", router)))
                .contains(new SetSysctl("lab-router", LabObjects.IPV6_SWITCH, "0"));
        Namespace red = lab.namespaces().get("red").withSysctls(Map.of(LabObjects.IPV6_SWITCH, "0"));
        assertThat(Planner.apply(withNamespace(lab, "red", red)))
                .filteredOn(op -> op instanceof SetSysctl s && s.netns().equals("lab-red"))
                .containsExactly(new SetSysctl("lab-red", LabObjects.IPV6_SWITCH, "0"));
    }

    @Test
    void removedHostSysctlIsRestored() {
        Namespace host = lab.namespaces().get("host").withSysctls(Map.of());
        assertThat(Planner.diff(lab, withNamespace(lab, "host", host)))
                .containsExactly(new RestoreSysctl("host", "net.ipv4.ip_forward", null));
    }

    @Test
    void addedRuleReloadsOnlyThatNamespacesTable() {
        Namespace router = lab.namespaces().get("router").withFirewall(Designs.filter("FORWARD", "DROP",
                Designs.rule("tcp", "80", "ACCEPT"), Designs.rule("udp", "53", "ACCEPT")));
        List<Operation> diff = Planner.diff(lab, withNamespace(lab, "router", router));
        assertThat(diff).hasSize(1);
        LoadFirewall load = (LoadFirewall) diff.get(0);
        assertThat(load.netns()).isEqualTo("lab-router");
        assertThat(load.restoreInput()).contains("-A FORWARD -p udp -m udp --dport 53 -j ACCEPT");
    }

    @Test
    void droppedFirewallInLabNamespaceResetsTheTablesItUsed() {
        Namespace router = lab.namespaces().get("router").withFirewall(null);
        List<Operation> diff = Planner.diff(lab, withNamespace(lab, "router", router));
        assertThat(diff).containsExactly(new LoadFirewall("lab-router", Family.IPV4,
                "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n", List.of(), false));
    }

    @Test
    void changedHostRuleUnloadsTheLabChainsThenLoadsThem() {
        Namespace host = lab.namespaces().get("host").withFirewall(Designs.filter("FORWARD", null, Designs.rule("tcp", "23", "DROP")));
        List<Operation> diff = Planner.diff(lab, withNamespace(lab, "host", host));
        assertThat(diff).hasSize(2);
        assertThat(diff.get(0)).isEqualTo(new UnloadFirewall("host", Family.IPV4, List.of("NSLAB-lab-1")));
        assertThat(((LoadFirewall) diff.get(1)).restoreInput()).contains("--dport 23");
    }

    @Test
    void changedBridgeIsRecreatedWithItsPortsAndEverythingOnThem() {
        Topology desired = lab.withBridges(Map.of("br-a", new Bridge(null, null, List.of("10.0.1.254/24"), null, true)));
        List<Operation> diff = Planner.diff(lab, desired);
        assertThat(diff).filteredOn(DiffTest::isRemoval).containsExactly(
                new DeleteRoute("lab-red", Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.0.1.1"), null, null, null, null),
                new DeleteRoute("host", Cidr.parse("10.0.2.0/24"), IpAddress.parse("10.0.1.1"), null, null, null, null),
                new DeleteLink("lab-router", "eth0"),
                new DeleteLink("lab-red", "eth0"),
                new DeleteLink("host", "br-a"));
        assertThat(diff).contains(new CreateBridge("host", "br-a", null, true, false), new AddAddress("host", "br-a", Cidr.parse("10.0.1.254/24")),
                new AddAddress("lab-red", "eth0", Cidr.parse("10.0.1.2/24")), new AddRoute("lab-red", Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.0.1.1"), null, null),
                new AddRoute("host", Cidr.parse("10.0.2.0/24"), IpAddress.parse("10.0.1.1"), null, null));
        // blue and router's other links are untouched.
        assertThat(diff).noneMatch(op -> op.netns().equals("lab-blue"));
        assertThat(diff).doesNotContain(new DeleteRoute("lab-router", Cidr.parse("10.9.0.0/16"), null, "tun0", 100, null, null));
    }

    @Test
    void aBridgesFirstIpv6RouteSwitchesIpv6OnOnTheBridgeInPlaceAndTheLastOneOffAgain() {
        Namespace host = lab.namespaces().get("host");
        List<Route> routes = new ArrayList<>(host.routes());
        routes.add(new Route("fd00:9::/64", null, "br-a", null));
        Topology desired = withNamespace(lab, "host", host.withRoutes(routes));
        AddRoute route = new AddRoute("host", Cidr.parse("fd00:9::/64"), null, "br-a", null);
        // Not the bridge made again with its ports (red-a, router-a): its own switch, before the route that needs it.
        assertThat(Planner.diff(lab, desired)).containsExactly(
                new SetSysctl("host", "net.ipv6.conf.br-a.disable_ipv6", "0"), route);
        assertThat(Planner.diff(desired, lab)).containsExactly(
                Planner.deleteRoute(route), new SetSysctl("host", "net.ipv6.conf.br-a.disable_ipv6", "1"));
    }

    @Test
    void aBridgesFirstIpv6AddressInANamespaceSwitchesItOnBeforeTheAddress() {
        Topology inRed = lab.withBridges(Map.of("br-a", new Bridge("red", null, List.of("10.0.1.254/24"), null, null)))
                .withVeths(List.of(new Veth(Designs.inNs("red", "eth9", "10.0.9.1/24"), Designs.port("br-a", "p0"))));
        Topology desired = inRed.withBridges(Map.of("br-a", new Bridge("red", null, List.of("10.0.1.254/24", "fd00:1::fe/64"), null, null)));
        List<Operation> diff = Planner.diff(inRed, desired);
        assertThat(diff).noneMatch(op -> op instanceof DeleteLink || op instanceof CreateBridge || op instanceof CreateVeth);
        assertThat(diff).containsSubsequence(new SetSysctl("lab-red", LabObjects.IPV6_SWITCH, "0"),
                new SetSysctl("lab-red", "net.ipv6.conf.br-a.disable_ipv6", "0"),
                new AddAddress("lab-red", "br-a", Cidr.parse("fd00:1::fe/64")));
    }

    @Test
    void ipv6TurnedOnForANamespaceLeavesItsKeptBridgeWithoutIpv6() {
        Topology inRed = lab.withBridges(Map.of("br-a", new Bridge("red", null, List.of("10.0.1.254/24"), null, null)))
                .withVeths(List.of(new Veth(Designs.inNs("red", "eth9", "10.0.9.1/24"), Designs.port("br-a", "p0"))));
        // red starts using IPv6 on another link: the namespace's switch goes on, and with it every link there.
        Topology desired = inRed.withVeths(List.of(new Veth(Designs.inNs("red", "eth9", "10.0.9.1/24"), Designs.port("br-a", "p0")),
                new Veth(Designs.inNs("red", "v6", "fd00:7::1/64"), Designs.inNs("blue", "v6", "fd00:7::2/64"))));
        List<Operation> diff = Planner.diff(inRed, desired);
        assertThat(diff).noneMatch(op -> op instanceof DeleteLink || op instanceof CreateBridge);
        assertThat(diff).containsSubsequence(new SetSysctl("lab-red", LabObjects.IPV6_SWITCH, "0"),
                new SetSysctl("lab-red", "net.ipv6.conf.br-a.disable_ipv6", "1"));
        // Nothing more once applied, and nothing for a bridge made in the same run (it is made without IPv6).
        assertThat(Planner.diff(desired, desired)).isEmpty();
        assertThat(Planner.diff(lab.withBridges(Map.of()).withVeths(List.of()), desired))
                .doesNotContain(new SetSysctl("lab-red", "net.ipv6.conf.br-a.disable_ipv6", "1"));
    }

    @Test
    void removalsComeFirstInReverseDependencyOrderThenAdditionsInApplyOrder() {
        Topology desired = Topology.empty("lab").withEtcHosts(false).withNamespaces(Map.of("solo", Namespace.empty()));
        List<Operation> diff = Planner.diff(lab, desired);
        int lastRemoval = -1;
        for (int i = 0; i < diff.size(); i++) if (isRemoval(diff.get(i))) lastRemoval = i;
        assertThat(diff.subList(0, lastRemoval + 1)).allMatch(DiffTest::isRemoval);
        assertThat(diff.subList(lastRemoval + 1, diff.size())).containsExactly(new CreateNamespace("lab-solo"), new SetUp("lab-solo", "lo"),
                new SetSysctl("lab-solo", LabObjects.IPV6_SWITCH, "1"));
        assertThat(diff.subList(0, lastRemoval + 1)).containsExactly(
                new UnloadFirewall("host", Family.IPV4, List.of("NSLAB-lab-1")),
                new RestoreSysctl("host", "net.ipv4.ip_forward", null),
                new DeleteRoute("host", Cidr.parse("10.0.2.0/24"), IpAddress.parse("10.0.1.1"), null, null, null, null),
                new DeleteLink("host", "router-a"),
                new DeleteLink("host", "red-a"),
                new DeleteLink("host", "br-a"),
                new DeleteNamespace("lab-router"),
                new DeleteNamespace("lab-red"),
                new DeleteNamespace("lab-blue"));
    }

    @Test
    void renamedLabReplacesEverything() {
        Topology renamed = lab.withName("lab2");
        List<Operation> diff = Planner.diff(lab, renamed);
        assertThat(diff).contains(new DeleteNamespace("lab-red"), new CreateNamespace("lab2-red"),
                new UnloadFirewall("host", Family.IPV4, List.of("NSLAB-lab-1")));
        assertThat(diff).filteredOn(LoadFirewall.class::isInstance).extracting(op -> ((LoadFirewall) op).ownedChains())
                .contains(List.of("NSLAB-lab2-1"));
    }
}
