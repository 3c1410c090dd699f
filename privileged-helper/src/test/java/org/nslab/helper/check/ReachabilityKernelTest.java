package org.nslab.helper.check;

import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.lab.ReachabilityMatrix;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.engine.lab.ReachabilityMatrix.NodeReach;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class ReachabilityKernelTest extends OnTinyLab {
    private final Topology design = TinyLab.design(List.of());

    @Test
    void theMatrixIsExactlyWhatTheRoutersFirewallAllows() {
        ReachabilityMatrix m = Reachability.matrix(design);

        assertThat(m.targets()).extracting(LabAddress::address).containsExactly("10.0.1.2", "10.0.1.1", "10.0.2.1", "10.0.2.2");
        // Sources in design order (blue, red, router); the router forwards echo requests only from red's side.
        assertThat(RouterLabKernelTest.grid(m)).isEqualTo("""
                blue: . o o o
                red: o o o o
                router: o o o o
                """);
    }

    @Test
    void theCanvasViewGroupsAnswersByNode() {
        TinyLab.sh("ip netns exec tiny-router iptables -A INPUT -i eth2 -d 10.0.1.1 -j DROP");

        ReachabilityMatrix m = Reachability.matrix(design);

        assertThat(m.nodesFrom("blue")).isEqualTo(Map.of("red", NodeReach.NONE, "router", NodeReach.SOME, "blue", NodeReach.ALL));
        assertThat(m.reaches("blue", "10.0.1.1")).contains(false);
        assertThat(m.reaches("blue", "10.0.2.1")).contains(true);
        TinyLab.sh("ip netns exec tiny-router iptables -D INPUT -i eth2 -d 10.0.1.1 -j DROP");
    }
}
