package org.nslab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.IpAddress;

class InversesTest {
    private static final Operation.VethSide LAB_A = new Operation.VethSide("lab-a", "eth0", null, null, true, null);
    private static final Operation.VethSide LAB_B = new Operation.VethSide("lab-b", "eth0", null, null, true, null);
    private static final Operation.VethSide HOST = new Operation.VethSide(Topology.HOST, "lab-h0", null, null, true, null);

    @Test
    void aVethIsDeletedFromItsHostEndWhenItHasOneElseFromItsFirstEnd() {
        assertThat(Inverses.of(new Operation.CreateVeth(LAB_A, HOST))).isEqualTo(new Operation.DeleteLink(Topology.HOST, "lab-h0"));
        assertThat(Inverses.of(new Operation.CreateVeth(LAB_A, LAB_B))).isEqualTo(new Operation.DeleteLink("lab-a", "eth0"));
    }

    @Test
    void addressesAndRoutesGoAndComeBackAsTheyWere() {
        Operation.AddAddress address = new Operation.AddAddress("lab-a", "eth0", Cidr.parse("10.0.0.1/24"));
        Operation.AddRoute route = new Operation.AddRoute("lab-a", Cidr.parse("10.9.0.0/16"), IpAddress.parse("10.0.0.254"), "eth0", 7, 4, 253);
        assertThat(Inverses.of(address)).isEqualTo(new Operation.DeleteAddress("lab-a", "eth0", Cidr.parse("10.0.0.1/24")));
        assertThat(Inverses.of(Inverses.of(address))).isEqualTo(address);
        // The protocol and scope of a route travel with it both ways: a host's own route comes back as the host's.
        assertThat(Inverses.of(Inverses.of(route))).isEqualTo(route);
        assertThat(Inverses.of(route)).isEqualTo(Planner.deleteRoute(route));
    }

    @Test
    void stepsWhoseWayBackIsInTheKernelHaveNoneHere() {
        assertThat(Inverses.of(new Operation.SetMtu("lab-a", "eth0", 1400))).isNull();
        assertThat(Inverses.of(new Operation.SetSysctl("lab-a", "net.ipv4.ip_forward", "1"))).isNull();
        assertThat(Inverses.of(new Operation.SetDown("lab-a", "eth0"))).isEqualTo(new Operation.SetUp("lab-a", "eth0"));
        assertThat(Inverses.of(new Operation.CreateNamespace("lab-a"))).isEqualTo(new Operation.DeleteNamespace("lab-a"));
    }
}
