package org.nslab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.AddRoute;
import org.nslab.engine.plan.Operation.DeleteLink;
import org.nslab.engine.plan.Operation.SetSysctl;

class LinkDependentsTest {
    @Test
    void aVethEndTakesItsPeersAddressesRoutesAndInterfaceSysctls() {
        Map<String, Namespace> ns = new TreeMap<>(Designs.routerLab().namespaces());
        ns.put("blue", ns.get("blue").withSysctls(Map.of("net.ipv4.conf.eth0.rp_filter", "2", "net.ipv4.conf.all.rp_filter", "2")));
        List<Operation> plan = Planner.apply(Designs.routerLab().withNamespaces(ns));

        assertThat(LinkDependents.of(plan, List.of(new DeleteLink("lab-router", "eth1")))).containsExactly(
                new AddAddress("lab-router", "eth1", Cidr.parse("10.0.2.1/24")),
                new AddAddress("lab-blue", "eth0", Cidr.parse("10.0.2.2/24")),
                new AddRoute("lab-blue", Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.0.2.1"), null, null),
                new SetSysctl("lab-blue", "net.ipv4.conf.eth0.rp_filter", "2"));
    }

    @Test
    void aBridgeTakesWhatIsOnItButNotWhatIsOnItsPorts() {
        Map<String, Namespace> ns = new TreeMap<>(Designs.routerLab().namespaces());
        ns.put("host", ns.get("host").withRoutes(List.of(new Route("10.0.2.0/24", "10.0.1.1", null, null),
                new Route("10.0.3.0/24", null, "br-a", 5))));
        Topology t = Designs.routerLab().withNamespaces(ns);

        // red's and router's default routes use addresses on the bridge's ports, which outlive the bridge.
        assertThat(LinkDependents.of(Planner.apply(t), List.of(new DeleteLink("host", "br-a")))).containsExactly(
                new AddAddress("host", "br-a", Cidr.parse("10.0.1.254/24")),
                new AddRoute("host", Cidr.parse("10.0.2.0/24"), IpAddress.parse("10.0.1.1"), null, null),
                new AddRoute("host", Cidr.parse("10.0.3.0/24"), null, "br-a", 5));
        assertThat(LinkDependents.of(Planner.apply(t), List.of())).isEmpty();
    }

    @Test
    void aGatewayRouteGoesOnlyWhenNoSurvivingLinkReachesTheGateway() {
        List<Operation> plan = List.of(
                new AddAddress("ns", "eth0", Cidr.parse("10.0.0.1/24")),
                new AddAddress("ns", "eth1", Cidr.parse("10.0.0.2/24")),
                new AddAddress("ns", "eth2", Cidr.parse("10.5.0.1/24")),
                new AddRoute("ns", Cidr.parse("10.9.0.0/16"), IpAddress.parse("10.0.0.254"), null, null),
                new AddRoute("ns", Cidr.parse("10.8.0.0/16"), IpAddress.parse("10.5.0.254"), null, null));

        // eth1 still reaches 10.0.0.254: the kernel may keep that route through it.
        assertThat(LinkDependents.of(plan, List.of(new DeleteLink("ns", "eth0"))))
                .containsExactly(new AddAddress("ns", "eth0", Cidr.parse("10.0.0.1/24")));
        assertThat(LinkDependents.of(plan, List.of(new DeleteLink("ns", "eth0"), new DeleteLink("ns", "eth1")))).containsExactly(
                new AddAddress("ns", "eth0", Cidr.parse("10.0.0.1/24")),
                new AddAddress("ns", "eth1", Cidr.parse("10.0.0.2/24")),
                new AddRoute("ns", Cidr.parse("10.9.0.0/16"), IpAddress.parse("10.0.0.254"), null, null));
        assertThat(LinkDependents.of(plan, List.of(new DeleteLink("ns", "eth2")))).containsExactly(
                new AddAddress("ns", "eth2", Cidr.parse("10.5.0.1/24")),
                new AddRoute("ns", Cidr.parse("10.8.0.0/16"), IpAddress.parse("10.5.0.254"), null, null));
    }
}
