package org.nslab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.SetMaster;
import org.nslab.engine.plan.Operation.VethSide;

class UpLinksTest {
    private static VethSide side(String netns, String name, boolean up, String master) {
        return new VethSide(netns, name, null, null, up, master);
    }

    @Test
    void bothEndsOfEveryUpPairAndTheBridgesTheyJoinExceptSpanningTreeOnes() {
        List<Operation> plan = List.of(
                new CreateBridge("host", "br0", null, false, false),
                new CreateBridge("host", "stp0", null, true, false),
                new CreateVeth(side("lab-a", "eth0", true, null), side("host", "a-br0", true, "br0")),
                new CreateVeth(side("lab-b", "eth0", true, null), side("host", "b-stp", true, "stp0")),
                // One end stays down: neither end ever has carrier, so neither is waited for.
                new CreateVeth(side("lab-c", "eth0", false, null), side("lab-d", "eth0", true, null)),
                // A port joined by a step of its own (re-apply) makes its bridge waited for too.
                new CreateBridge("lab-r", "br1", null, false, false),
                new CreateVeth(side("lab-r", "p1", true, null), side("lab-e", "eth0", true, null)),
                new SetMaster("lab-r", "p1", "br1"));
        assertThat(UpLinks.of(plan)).isEqualTo(Map.of(
                "host", Set.of("a-br0", "br0", "b-stp"),
                "lab-a", Set.of("eth0"),
                "lab-b", Set.of("eth0"),
                "lab-r", Set.of("p1", "br1"),
                "lab-e", Set.of("eth0")));
    }
}
