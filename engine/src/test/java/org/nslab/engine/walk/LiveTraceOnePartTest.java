package org.nslab.engine.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nslab.engine.walk.WalkDesigns.ping;
import static org.nslab.engine.walk.WalkDesigns.router;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.LiveTrace;

/**
 * A live trace of a lab across machines: the legs each machine traced become one trace in the walk's order, each
 * namespace with its machine, compared with the walk where a machine traced and nowhere else.
 */
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

    private static final LiveTrace.Event FORWARD_ACCEPT = new LiveTrace.Event("filter", "FORWARD", 1, "accept");

    @Test
    void theLegsOfSeveralMachinesAreOneTraceInTheWalksOrderEachWithItsMachine() {
        LiveTrace far = new LiveTrace("lab", false, Map.of("b", List.of(new LiveTrace.Event("filter", "INPUT", null, "accept"))), Map.of());
        LiveTrace middle = new LiveTrace("lab", false, Map.of("r", List.of(FORWARD_ACCEPT)), Map.of("r", List.of(FORWARD_ACCEPT)));
        LiveTrace source = new LiveTrace("lab", true, Map.of("a", List.of(new LiveTrace.Event("filter", "OUTPUT", null, "accept"))), Map.of());
        // Given farthest first: the merged legs follow the packet, a then r then b.
        Map<String, LiveTrace> parts = new java.util.LinkedHashMap<>();
        parts.put("m3", far);
        parts.put("m2", middle);
        parts.put("local", source);
        LiveTrace all = LiveTrace.across("lab", true, parts, Map.of("local", List.of("a"), "m2", List.of("r"), "m3", List.of("b")), walk);
        assertThat(all.request().keySet()).containsExactly("a", "r", "b");
        assertThat(all.answered()).isTrue();
        assertThat(all.machines()).containsEntry("a", "local").containsEntry("r", "m2").containsEntry("b", "m3");
        assertThat(all.place("r")).isEqualTo("r on m2");
        // The walk has no decision in a or b: the kernel's there are differences, each named with its machine.
        assertThat(all.differences(walk)).containsExactly("request in a on local: walk [], kernel [filter OUTPUT policy accept]",
                "request in b on m3: walk [], kernel [filter INPUT policy accept]");
    }

    @Test
    void aMachineThatDidNotTraceLeavesItsNamespacesUncompared() {
        LiveTrace source = new LiveTrace("lab", true, Map.of(), Map.of());
        LiveTrace all = LiveTrace.across("lab", true, Map.of("local", source), Map.of("local", List.of("a", "b"), "m2", List.of("r")), walk);
        assertThat(all.traced("r")).isFalse();
        assertThat(all.traced("a")).isTrue();
        assertThat(all.differences(walk)).isEmpty();
        LiveTrace withRouter = LiveTrace.across("lab", true, Map.of("local", source, "m2", new LiveTrace("lab", false, Map.of(), Map.of())),
                Map.of("local", List.of("a", "b"), "m2", List.of("r")), walk);
        assertThat(withRouter.differences(walk)).anyMatch(d -> d.startsWith("request in r on m2: walk [filter FORWARD #1 accept], kernel []"));
    }
}
