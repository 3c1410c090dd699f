package org.nslab.engine.walk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;
import static org.nslab.engine.walk.WalkDesigns.ping;
import static org.nslab.engine.walk.WalkDesigns.visited;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.model.Topology;

/**
 * The netfilter picture, as a test: a router whose firewall has every table, and one packet per path. Each
 * visits exactly the hooks and tables the picture shows, in its order:
 * PREROUTING (raw, mangle, nat) → routing → INPUT (mangle, filter, nat) or FORWARD (mangle, filter);
 * OUTPUT (raw, mangle, nat, filter) → routing → POSTROUTING (mangle, nat).
 */
class HookPictureTest {
    static final String EVERY_TABLE = """
            {"raw": {"PREROUTING": {"policy": "ACCEPT"}, "OUTPUT": {"policy": "ACCEPT"}},
             "mangle": {"PREROUTING": {"policy": "ACCEPT"}, "INPUT": {"policy": "ACCEPT"}, "FORWARD": {"policy": "ACCEPT"},
                        "OUTPUT": {"policy": "ACCEPT"}, "POSTROUTING": {"policy": "ACCEPT"}},
             "nat": {"PREROUTING": {"rules": []}, "INPUT": {"rules": []}, "OUTPUT": {"rules": []}, "POSTROUTING": {"rules": []}},
             "filter": {"INPUT": {"policy": "ACCEPT"}, "FORWARD": {"policy": "ACCEPT"}, "OUTPUT": {"policy": "ACCEPT"}}}""";

    final Topology design = WalkDesigns.router(EVERY_TABLE);

    static Stream<Arguments> newPackets() {
        return Stream.of(
                argumentSet("a packet for the router goes through PREROUTING then INPUT", "a", "10.0.1.1", List.of(
                        "PREROUTING/raw", "PREROUTING/mangle", "PREROUTING/nat",
                        "INPUT/mangle", "INPUT/filter", "INPUT/nat")),
                argumentSet("a forwarded packet goes through PREROUTING, FORWARD, POSTROUTING", "a", "10.0.2.2", List.of(
                        "PREROUTING/raw", "PREROUTING/mangle", "PREROUTING/nat",
                        "FORWARD/mangle", "FORWARD/filter",
                        "POSTROUTING/mangle", "POSTROUTING/nat")),
                argumentSet("a packet the router sends goes through OUTPUT then POSTROUTING", "r", "10.0.2.2", List.of(
                        "OUTPUT/raw", "OUTPUT/mangle", "OUTPUT/nat", "OUTPUT/filter",
                        "POSTROUTING/mangle", "POSTROUTING/nat")));
    }

    @ParameterizedTest
    @MethodSource("newPackets")
    void aNewConnectionsPacketVisitsTheHooksOfItsPathInOrder(String from, String to, List<String> hooks) {
        Walk w = ping(design, from, to);
        assertThat(w.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(visited(w.requestLeg(), "r")).containsExactlyElementsOf(hooks);
    }

    /** The answers belong to known connections: nat is not consulted again (only a new connection meets it). */
    @Test
    void answersSkipNat() {
        Walk forward = ping(design, "a", "10.0.2.2");
        assertThat(visited(forward.reply(), "r")).containsExactly(
                "PREROUTING/raw", "PREROUTING/mangle", "FORWARD/mangle", "FORWARD/filter", "POSTROUTING/mangle");
        Walk in = ping(design, "a", "10.0.1.1");
        assertThat(visited(in.reply(), "r")).containsExactly("OUTPUT/raw", "OUTPUT/mangle", "OUTPUT/filter", "POSTROUTING/mangle");
    }
}
