package org.nslab.engine.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nslab.engine.walk.WalkDesigns.ping;
import static org.nslab.engine.walk.WalkDesigns.router;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.LiveTrace;

/** A live trace taken on one machine of a lab across machines is compared with the walk in that machine's namespaces only. */
class LiveTraceOnePartTest {
    private final Walk walk = ping(router("""
            {"filter": {"FORWARD": {"policy": "DROP", "rules": [{"proto": "icmp", "target": "ACCEPT"}]}}}"""), "a", "10.0.2.2");

    @Test
    void theRoutersDecisionsCountWhereItWasTraced() {
        LiveTrace untraced = new LiveTrace("lab", true, Map.of(), Map.of());
        assertThat(untraced.differences(walk)).anyMatch(d -> d.startsWith("request in r"));
    }

    @Test
    void aNamespaceOfAnotherMachineIsNotCompared() {
        LiveTrace untraced = new LiveTrace("lab", true, Map.of(), Map.of());
        assertThat(untraced.differences(walk, ns -> !ns.equals("r"))).isEmpty();
        // The outcome is still the whole path's.
        LiveTrace unanswered = new LiveTrace("lab", false, Map.of(), Map.of());
        assertThat(unanswered.differences(walk, ns -> !ns.equals("r"))).singleElement().asString().startsWith("outcome");
    }
}
