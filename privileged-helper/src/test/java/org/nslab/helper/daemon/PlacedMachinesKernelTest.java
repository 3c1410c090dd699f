package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
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
    private Topology design() throws java.io.IOException {
        var r = overTheThreeMachines("placed.nslab.json");
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
        var r = overTheThreeMachines("away.nslab.json");
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
