package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.SpreadLabService;
import org.nslab.engine.model.NodePlace;
import org.nslab.engine.model.Placement;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.testing.KernelTest;

/**
 * A lab whose every node says {@code "machine": "*"}, on the three test machines of {@link MachinesKernelTest}:
 * nslab places it over all three (a bridge too big for one machine's share spread over two, the router's links
 * crossing to the third), it pings across the machines, passes its checks, and leaves nothing on any of them.
 */
@KernelTest
class PlacedMachinesKernelTest extends ThreeMachines {
    PlacedMachinesKernelTest() {
        super("nslplace");
    }

    /** A router with a host on each of two links and three hosts on a bridge, its own port on it too: six namespaces. */
    private Topology design() {
        String text = """
                {"format": "nslab/1", "name": "placed",
                 "machines": {"local": {"underlay": "10.99.0.1"},
                              "m2": {"helper": "unix:%s", "underlay": "10.99.0.2"},
                              "m3": {"helper": "unix:%s", "underlay": "10.99.0.3"}},
                 "namespaces": {"r": {"machine": "*", "sysctls": {"net.ipv4.ip_forward": "1"}},
                                "h1": {"machine": "*", "routes": [{"to": "default", "via": "10.0.1.1"}]},
                                "h2": {"machine": "*", "routes": [{"to": "default", "via": "10.0.2.1"}]},
                                "h3": {"machine": "*", "routes": [{"to": "default", "via": "10.0.3.1"}]},
                                "h4": {"machine": "*", "routes": [{"to": "default", "via": "10.0.3.1"}]},
                                "h5": {"machine": "*", "routes": [{"to": "default", "via": "10.0.3.1"}]}},
                 "bridges": {"lan": {"machine": "*", "mtu": 1450}},
                 "veths": [
                   {"a": {"namespace": "r", "name": "eth1", "addresses": ["10.0.1.1/24"]}, "b": {"namespace": "h1", "name": "eth0", "addresses": ["10.0.1.2/24"]}},
                   {"a": {"namespace": "r", "name": "eth2", "addresses": ["10.0.2.1/24"]}, "b": {"namespace": "h2", "name": "eth0", "addresses": ["10.0.2.2/24"]}},
                   {"a": {"namespace": "r", "name": "eth3", "addresses": ["10.0.3.1/24"], "mtu": 1450}, "b": {"bridge": "lan", "name": "lan-r", "mtu": 1450}},
                   {"a": {"namespace": "h3", "name": "eth0", "addresses": ["10.0.3.3/24"], "mtu": 1450}, "b": {"bridge": "lan", "name": "lan-h3", "mtu": 1450}},
                   {"a": {"namespace": "h4", "name": "eth0", "addresses": ["10.0.3.4/24"], "mtu": 1450}, "b": {"bridge": "lan", "name": "lan-h4", "mtu": 1450}},
                   {"a": {"namespace": "h5", "name": "eth0", "addresses": ["10.0.3.5/24"], "mtu": 1450}, "b": {"bridge": "lan", "name": "lan-h5", "mtu": 1450}}],
                 "checks": [{"from": "h1", "to": "10.0.3.3", "expect": "reach"}, {"from": "h2", "to": "10.0.3.5", "expect": "reach"},
                            {"from": "h3", "to": "10.0.1.2", "expect": "reach"}, {"from": "h4", "to": "10.0.3.5", "expect": "reach"},
                            {"from": "h5", "to": "10.0.2.2", "expect": "reach"}, {"from": "h1", "to": "10.0.9.9", "expect": "blocked"}]}
                """.formatted(machines.get(1).socket, machines.get(2).socket);
        var r = TopologyJson.parse(text, "placed.nslab.json");
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        return r.topology();
    }


    @Test
    void aLabLeftToNslabSpansTheThreeMachinesPingsAndLeavesNothing() throws Exception {
        Topology design = design();
        Placement place = Placement.of(design);
        // Six namespaces over three machines, two each; the bridge and its four ports do not fit on one.
        assertThat(place.namespaces()).allMatch(NodePlace::automatic);
        for (Machine3 m : machines) assertThat(place.namespaces()).as(m.name).filteredOn(n -> n.machine().equals(m.name)).hasSize(2);
        assertThat(place.bridgeMachines("lan")).hasSize(2);
        assertThat(design.veths()).anyMatch(v -> v.b().bridge() == null && place.crosses(v));

        SpreadLabService lab = lab(design);
        lab.apply(design, ProgressListener.NONE);
        // Each machine holds exactly the namespaces the placement gave it.
        for (Machine3 m : machines) {
            List<String> expected = place.namespaces().stream().filter(n -> n.machine().equals(m.name)).map(n -> "placed-" + n.id()).sorted().toList();
            assertThat(m.files("/run/netns")).as(m.name).containsExactlyInAnyOrderElementsOf(expected);
        }
        List<CheckResult> results = lab.check(design, 3000);
        assertThat(results).hasSize(6).allSatisfy(c -> assertThat(c.passed()).as(c.check() + ": " + c.detail()).isTrue());
        assertThat(lab.status(design).drifts()).isEmpty();

        // Pinning the choice into the design (nslab place) gives every machine the same part: nothing to do.
        Topology pinned = place.pinned();
        assertThat(Placement.of(pinned).hasAutomatic()).isFalse();
        assertThat(lab(pinned).apply(pinned, ProgressListener.NONE).steps()).isEmpty();

        lab.teardown(design.name(), ProgressListener.NONE);
        for (Machine3 m : machines) {
            assertThat(m.files("/run/netns")).as(m.name + " /run/netns; its helper said: " + m.log()).isEmpty();
            assertThat(m.files("/etc/netns")).as(m.name + " /etc/netns").isEmpty();
            assertThat(m.files("/run/nslab")).as(m.name + " /run/nslab").allSatisfy(f -> assertThat(f).doesNotContain("placed"));
            assertThat(m.links()).as(m.name + " links").containsExactlyInAnyOrder("lo", "eth0");
            try (HelperClient c = HelperClient.connect(m.socket)) {
                assertThat(c.list().labs()).as(m.name + " labs").isEmpty();
            }
        }
    }

    @Test
    void aLabWithNothingOnThisMachineIsAppliedAndCleanInStatus() throws Exception {
        String text = """
                {"format": "nslab/1", "name": "away",
                 "machines": {"local": {"underlay": "10.99.0.1"},
                              "m2": {"helper": "unix:%s", "underlay": "10.99.0.2"},
                              "m3": {"helper": "unix:%s", "underlay": "10.99.0.3"}},
                 "namespaces": {"a": {"machine": "m2"}, "b": {"machine": "m3"}},
                 "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.7.1/24"], "mtu": 1450},
                            "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.7.2/24"], "mtu": 1450}}],
                 "checks": [{"from": "a", "to": "10.0.7.2", "expect": "reach"}]}
                """.formatted(machines.get(1).socket, machines.get(2).socket);
        var r = TopologyJson.parse(text, "away.nslab.json");
        assertThat(r.problems()).isEmpty();
        Topology design = r.topology();
        SpreadLabService lab = lab(design);
        lab.apply(design, ProgressListener.NONE);
        var status = lab.status(design);
        assertThat(status.applied()).as(status.toText()).isTrue();
        assertThat(status.drifts()).as(status.toText()).isEmpty();
        assertThat(lab.check(design, 3000)).singleElement().satisfies(c -> assertThat(c.passed()).as(c.detail()).isTrue());
        lab.teardown(design.name(), ProgressListener.NONE);
        for (Machine3 m : machines) {
            assertThat(m.files("/run/netns")).as(m.name).isEmpty();
            assertThat(m.links()).as(m.name + " links").containsExactlyInAnyOrder("lo", "eth0");
        }
        assertThat(lab.status(design).applied()).isFalse();
    }
}
