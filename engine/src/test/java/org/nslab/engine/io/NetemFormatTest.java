package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.nslab.engine.problem.Problem;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Topology;

/** {@code netem} on a veth end: strict loading, every range with its pointer, and byte-stable saving. */
class NetemFormatTest {
    private static String design(String netem) {
        return """
                {"format": "nslab/1", "name": "lab",
                 "namespaces": {"a": {}, "b": {}},
                 "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.0.0.1/24"], "netem": %s},
                            "b": {"namespace": "b", "name": "eth0", "addresses": ["10.0.0.2/24"]}}]}
                """.formatted(netem);
    }

    /** The design with this netem, loaded without a problem. */
    private static LoadResult valid(String netem) {
        LoadResult r = TopologyJson.parse(design(netem), "t.json");
        assertThat(r.problems()).isEmpty();
        return r;
    }

    @Test
    void everyFieldLoadsAndSavesCanonically() {
        LoadResult r = valid("""
                {"limitPackets": 500, "delayMs": 40, "jitterMs": 5, "lossPercent": 1.5, "rateKbit": 8000,
                 "duplicatePercent": 0.25, "corruptPercent": 0, "reorderPercent": 10}""");
        Netem n = r.topology().veths().get(0).a().netem();
        assertThat(n).isEqualTo(new Netem(40.0, 5.0, 1.5, 8000L, 0.25, 0.0, 10.0, 500L));
        String saved = TopologyJson.write(r.topology());
        // Keys sorted, whole numbers without a fraction, the rest as written.
        assertThat(saved).contains("\"netem\": {\n          \"corruptPercent\": 0,\n          \"delayMs\": 40,\n"
                + "          \"duplicatePercent\": 0.25,\n          \"jitterMs\": 5,\n          \"limitPackets\": 500,\n"
                + "          \"lossPercent\": 1.5,\n          \"rateKbit\": 8000,\n          \"reorderPercent\": 10\n        }");
        LoadResult again = TopologyJson.parse(saved, "saved.json");
        assertThat(again.topology()).isEqualTo(r.topology());
        assertThat(TopologyJson.write(again.topology())).isEqualTo(saved);
    }

    @Test
    void anEmptyNetemIsNoNetem() {
        Topology t = TopologyJson.parse(design("{}"), "t.json").topology();
        assertThat(t.veths().get(0).a().netem()).isNull();
        assertThat(TopologyJson.write(t)).doesNotContain("netem");
    }

    @Test
    void unknownKeysAndWrongTypesAreReportedWithTheirPlace() {
        LoadResult r = TopologyJson.parse(design("{\"delay\": 40, \"lossPercent\": \"1%\", \"rateKbit\": 1.5}"), "t.json");
        assertThat(r.problems()).extracting(Problem::format).containsExactly(
                "t.json:3:93 /veths/0/a/netem/delay: unknown key \"delay\"; expected one of: delayMs, jitterMs, lossPercent, "
                        + "rateKbit, duplicatePercent, corruptPercent, reorderPercent, limitPackets",
                "t.json:3:106 /veths/0/a/netem/lossPercent: expected a number, found the string \"1%\"",
                "t.json:3:127 /veths/0/a/netem/rateKbit: expected a whole number, found the number 1.5");
    }

    @Test
    void everyRangeIsCheckedWithItsPointer() {
        LoadResult r = TopologyJson.parse(design("""
                {"delayMs": -1, "jitterMs": 60001, "lossPercent": 100.5, "rateKbit": 0, "duplicatePercent": -0.1,
                 "corruptPercent": 101, "reorderPercent": 200, "limitPackets": 0}"""), "t.json");
        assertThat(r.problems()).extracting(Problem::pointer, Problem::message).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("/veths/0/a/netem/delayMs", "delay -1 ms is outside 0..60000 ms"),
                org.assertj.core.groups.Tuple.tuple("/veths/0/a/netem/jitterMs", "jitter 60001 ms is outside 0..60000 ms"),
                org.assertj.core.groups.Tuple.tuple("/veths/0/a/netem/lossPercent", "100.5 % is outside 0..100 %"),
                org.assertj.core.groups.Tuple.tuple("/veths/0/a/netem/duplicatePercent", "-0.1 % is outside 0..100 %"),
                org.assertj.core.groups.Tuple.tuple("/veths/0/a/netem/corruptPercent", "101 % is outside 0..100 %"),
                org.assertj.core.groups.Tuple.tuple("/veths/0/a/netem/reorderPercent", "200 % is outside 0..100 %"),
                org.assertj.core.groups.Tuple.tuple("/veths/0/a/netem/jitterMs", "jitter varies a delay; set \"delayMs\" above 0 too"),
                org.assertj.core.groups.Tuple.tuple("/veths/0/a/netem/reorderPercent",
                        "netem reorders by sending some packets without the delay; set \"delayMs\" above 0 too"),
                org.assertj.core.groups.Tuple.tuple("/veths/0/a/netem/rateKbit", "rate 0 is outside 1..1000000000 kbit/s"),
                org.assertj.core.groups.Tuple.tuple("/veths/0/a/netem/limitPackets", "limit 0 is outside 1..10000000 packets"));
    }

    @Test
    void boundsThemselvesAreValid() {
        valid("""
                {"delayMs": 60000, "jitterMs": 0, "lossPercent": 100, "rateKbit": 1, "duplicatePercent": 0,
                 "corruptPercent": 100, "reorderPercent": 0, "limitPackets": 1}""");
    }
}
