package org.nslab.helper.policy;

import java.util.List;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.engine.lab.LabAddresses;

/**
 * Checks run by root on a member's behalf: from {@code host} they may probe only the lab's own addresses, so the
 * helper's root probes never become a way to scan or reach the machine's network as root.
 */
final class ProbeRules {
    private ProbeRules() {}

    static void judge(Topology recorded, List<Check> checks, Refusals out) {
        for (int i = 0; i < checks.size(); i++) {
            Check c = checks.get(i);
            if (!Topology.HOST.equals(c.from())) continue;
            boolean labAddress = IpAddress.tryParse(c.to()).flatMap(a -> LabAddresses.owner(recorded, a)).isPresent();
            if (!labAddress) {
                out.add(PolicyRule.PROBE_HOST_TARGET, JsonPointer.child(JsonPointer.child("/checks", i), "to"), c.to()
                        + " is not an address of the applied lab; checks from host may probe only the lab's addresses");
            }
        }
    }
}
