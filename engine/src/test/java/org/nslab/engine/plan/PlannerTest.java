package org.nslab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.AddRoute;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateNamespace;
import org.nslab.engine.plan.Operation.CreateTun;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.DeleteLink;
import org.nslab.engine.plan.Operation.DeleteNamespace;
import org.nslab.engine.plan.Operation.DeleteRoute;
import org.nslab.engine.plan.Operation.LoadFirewall;
import org.nslab.engine.plan.Operation.RestoreSysctl;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation.UnloadFirewall;

class PlannerTest {
    private final Topology lab = Designs.routerLab();

    /** The phase of a step in apply order; a plan's phases never go down. */
    static int phase(Operation op) {
        return switch (op) {
            case CreateNamespace c -> 0;
            case SetUp s when s.ifname().equals("lo") -> 1;
            case SetSysctl s when s.key().equals(LabObjects.IPV6_SWITCH) -> 2;
            case CreateBridge c -> 3;
            case CreateTun c -> 3;
            case CreateVeth c -> 3;
            case SetUp s -> 3;
            case AddAddress a -> 4;
            case AddRoute r -> 5;
            case SetSysctl s -> 6;
            case LoadFirewall l -> 7;
            default -> throw new AssertionError("not an apply step: " + op);
        };
    }

    @Test
    void applyCreatesNamespacesThenLinksThenAddressesRoutesSysctlsFirewalls() {
        List<Operation> plan = Planner.apply(lab);
        assertThat(plan).extracting(PlannerTest::phase).isSorted();
        assertThat(plan).filteredOn(CreateNamespace.class::isInstance)
                .containsExactly(new CreateNamespace("lab-blue"), new CreateNamespace("lab-red"), new CreateNamespace("lab-router"));
        assertThat(plan).hasAtLeastOneElementOfType(CreateTun.class).hasAtLeastOneElementOfType(LoadFirewall.class);
    }

    @Test
    void ipv6IsSwitchedOffInEveryLabNamespaceThatDoesNotUseItAndOnWhereItIsUsed() {
        Topology withV6 = lab.withVeths(lab.veths().stream().map(v -> v.a().name().equals("eth1") || v.b().name().equals("eth1")
                ? new org.nslab.engine.model.Veth(Designs.inNs("router", "eth1", "10.0.2.1/24", "fd00:2::1/64"),
                        Designs.inNs("blue", "eth0", "10.0.2.2/24"))
                : v).toList());
        assertThat(Planner.apply(withV6)).filteredOn(op -> op instanceof SetSysctl s && s.key().equals(LabObjects.IPV6_SWITCH))
                .containsExactly(new SetSysctl("lab-blue", LabObjects.IPV6_SWITCH, "1"),
                        new SetSysctl("lab-red", LabObjects.IPV6_SWITCH, "1"),
                        new SetSysctl("lab-router", LabObjects.IPV6_SWITCH, "0"));
    }

    @Test
    void hostIsNeverCreated() {
        assertThat(Planner.apply(lab)).noneMatch(op -> op instanceof CreateNamespace c && c.netns().equals("host"));
    }

    @Test
    void loopbackIsBroughtUpInEveryLabNamespaceOnly() {
        assertThat(Planner.apply(lab)).filteredOn(op -> op instanceof SetUp s && s.ifname().equals("lo"))
                .extracting(Operation::netns).containsExactly("lab-blue", "lab-red", "lab-router");
    }

    @Test
    void vethEndInBridgeLivesInTheBridgeNamespaceAndIsEnslaved() {
        CreateVeth red = Planner.apply(lab).stream().filter(CreateVeth.class::isInstance).map(CreateVeth.class::cast)
                .findFirst().orElseThrow();
        assertThat(red.a()).isEqualTo(new Operation.VethSide("lab-red", "eth0", null, null, true, null));
        assertThat(red.b()).isEqualTo(new Operation.VethSide("host", "red-a", null, null, true, "br-a"));
    }

    @Test
    void bridgeIsCreatedAndUpBeforeItsPorts() {
        List<Operation> plan = Planner.apply(lab);
        int bridge = plan.indexOf(new CreateBridge("host", "br-a", null, false, false));
        int up = plan.indexOf(new SetUp("host", "br-a"));
        int firstVeth = plan.indexOf(plan.stream().filter(CreateVeth.class::isInstance).findFirst().orElseThrow());
        assertThat(bridge).isNotNegative().isLessThan(up);
        assertThat(up).isLessThan(firstVeth);
    }

    @Test
    void aBridgeGetsIpv6LinkLocalOnlyWhenTheDesignGivesItAnIpv6Address() {
        assertThat(Planner.apply(lab)).contains(new CreateBridge("host", "br-a", null, false, false));
        Topology v6 = lab.withBridges(Map.of("br-a", new org.nslab.engine.model.Bridge(null, null,
                List.of("10.0.1.254/24", "fd00:1::fe/64"), null, null)));
        assertThat(Planner.apply(v6)).contains(new CreateBridge("host", "br-a", null, false, true));
    }

    @Test
    void routeFamilyFollowsItsAddresses() {
        Topology v6 = lab.withNamespaces(Map.of("red", org.nslab.engine.model.Namespace.empty().withRoutes(List.of(
                new org.nslab.engine.model.Route("default", "fd00::1", null, null),
                new org.nslab.engine.model.Route("default", "10.0.1.1", null, null)))));
        assertThat(Planner.apply(v6)).filteredOn(AddRoute.class::isInstance).extracting(op -> ((AddRoute) op).ipv6())
                .containsExactly(true, false);
    }

    @Test
    void labNamespaceFirewallIsAWholeTableAndHostOnlyLabChains() {
        List<LoadFirewall> loads = Planner.apply(lab).stream().filter(LoadFirewall.class::isInstance)
                .map(LoadFirewall.class::cast).toList();
        assertThat(loads).extracting(LoadFirewall::netns).containsExactly("host", "lab-router");
        LoadFirewall host = loads.get(0);
        assertThat(host.noflush()).isTrue();
        assertThat(host.ownedChains()).containsExactly("NSLAB-lab-1");
        assertThat(host.restoreInput()).doesNotContain(":FORWARD").contains("-A FORWARD -m comment --comment \"nslab:lab\" -j NSLAB-lab-1");
        LoadFirewall router = loads.get(1);
        assertThat(router.noflush()).isFalse();
        assertThat(router.family()).isEqualTo(Family.IPV4);
        assertThat(router.restoreInput()).contains(":FORWARD DROP [0:0]");
    }

    @Test
    void planIsDeterministic() {
        assertThat(Planner.apply(Designs.routerLab())).isEqualTo(Planner.apply(Designs.routerLab()));
        assertThat(Planner.teardown(Designs.routerLab())).isEqualTo(Planner.teardown(Designs.routerLab()));
    }

    @Test
    void kernelNameOverridesTheLabQualifiedName() {
        Topology fixed = lab.withNamespaces(new java.util.TreeMap<>(Map.of("red",
                org.nslab.engine.model.Namespace.empty().withKernelName("red"))));
        assertThat(Planner.apply(fixed.withVeths(List.of()).withTuns(Map.of())))
                .contains(new CreateNamespace("red")).doesNotContain(new CreateNamespace("lab-red"));
    }

    @Test
    void unattachedVethEndIsRefusedRatherThanGuessed() {
        Topology broken = lab.withVeths(List.of(new Veth(Designs.inNs("red", "eth0"), Designs.port("nope", "x"))));
        assertThatThrownBy(() -> Planner.apply(broken)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void teardownDeletesNamespacesBeforeAnyHostLinkAndNothingInsideThem() {
        List<Operation> down = Planner.teardown(lab, Map.of("net.ipv4.ip_forward", "0"));
        assertThat(down).containsExactly(
                new DeleteRoute("host", Cidr.parse("10.0.2.0/24"), IpAddress.parse("10.0.1.1"), null, null, null, null),
                new DeleteNamespace("lab-blue"),
                new DeleteNamespace("lab-red"),
                new DeleteNamespace("lab-router"),
                new UnloadFirewall("host", Family.IPV4, List.of("NSLAB-lab-1")),
                new DeleteLink("host", "br-a"),
                new RestoreSysctl("host", "net.ipv4.ip_forward", "0"));
    }

    @Test
    void teardownTouchesLabNamespacesOnlyToDeleteThem() {
        assertThat(Planner.teardown(lab)).filteredOn(op -> !(op instanceof DeleteNamespace))
                .allMatch(op -> op.netns().equals("host"));
    }

    @Test
    void teardownDeletesAHostOnlyVethOnceAndLeavesSysctlValueToTheRecord() {
        Topology hostPair = Topology.empty("x")
                .withNamespaces(Map.of("host", org.nslab.engine.model.Namespace.empty().withSysctls(Map.of("net.ipv4.ip_forward", "1"))))
                .withVeths(List.of(new Veth(Designs.inNs("host", "x0"), Designs.inNs("host", "x1"))));
        assertThat(Planner.teardown(hostPair)).containsExactly(
                new DeleteLink("host", "x0"), new RestoreSysctl("host", "net.ipv4.ip_forward", null));
    }

    @Test
    void interfaceSysctlsAreWrittenAfterIpForwardWhichWouldResetThem() {
        Topology t = Topology.empty("lab").withNamespaces(java.util.Map.of("r", org.nslab.engine.model.Namespace.empty().withSysctls(
                java.util.Map.of("net.ipv4.conf.eth0.forwarding", "0", "net.ipv4.ip_forward", "1"))))
                .withVeths(List.of(new org.nslab.engine.model.Veth(
                        new org.nslab.engine.model.VethEnd("r", null, "eth0", List.of(), null, null, null),
                        new org.nslab.engine.model.VethEnd("r", null, "eth1", List.of(), null, null, null))));
        List<String> keys = Planner.apply(t).stream().filter(op -> op instanceof Operation.SetSysctl s && !s.key().contains("disable_ipv6"))
                .map(op -> ((Operation.SetSysctl) op).key()).toList();
        assertThat(keys).containsExactly("net.ipv4.ip_forward", "net.ipv4.conf.eth0.forwarding");
    }
}
