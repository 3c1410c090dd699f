package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Machine;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

/** {@code machines} and {@code machine}: strict loading with places, and saving that changes no byte. */
class MachinesFormatTest {
    static final Path SPREAD = Path.of("src/test/resources/machines/spread.nslab.json");

    @Test
    void aDesignOverThreeMachinesLoadsAndSavesByteIdentical() throws IOException {
        String text = Files.readString(SPREAD);
        LoadResult r = TopologyJson.load(SPREAD);
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        Topology t = r.topology();
        assertThat(t.machines()).containsOnlyKeys("local", "m2", "m3");
        assertThat(t.machines().get("m2")).isEqualTo(new Machine("unix:/run/nslab-m2/helper.sock", "10.99.0.2", null, null));
        assertThat(t.machines().get("m3").vxlanPort()).isEqualTo(4789);
        assertThat(t.namespaces().get("h1").machine()).isEqualTo("m2");
        assertThat(t.namespaces().get("r").machine()).isNull();
        assertThat(t.namespaces().get("r").machineOrLocal()).isEqualTo("local");
        assertThat(t.spansMachines()).isTrue();
        assertThat(TopologyJson.write(t)).isEqualTo(text);
    }

    @Test
    void machineKeysOnBridgesEndsAndPairsRoundTrip() {
        String text = """
                {"format": "nslab/1", "name": "lab",
                 "machines": {"local": {"underlay": "192.0.2.1"}, "m2": {"helper": "unix:/run/m2.sock", "underlay": "192.0.2.2", "mtu": 9000, "weight": 3}},
                 "namespaces": {"a": {"machine": "m2"}},
                 "bridges": {"up": {"machine": "m2"}},
                 "veths": [{"a": {"namespace": "host", "machine": "m2", "name": "up0"}, "b": {"namespace": "a", "name": "eth0"}},
                           {"a": {"namespace": "a", "name": "eth1"}, "b": {"namespace": "host", "name": "x0"}, "vni": 9}]}
                """;
        LoadResult r = TopologyJson.parse(text, "t.json");
        assertThat(r.problems()).isEmpty();
        Topology t = r.topology();
        assertThat(t.bridges().get("up").machine()).isEqualTo("m2");
        assertThat(t.veths().get(1).vni()).isEqualTo(9);
        assertThat(t.veths().get(0).a().machine()).isEqualTo("m2");
        String saved = TopologyJson.write(t);
        assertThat(saved).contains("\"machine\": \"m2\",\n        \"name\": \"up0\"").contains("\"vni\": 9").contains("\"mtu\": 9000")
                .contains("\"weight\": 3");
        assertThat(t.machines().get("m2").weight()).isEqualTo(3);
        assertThat(t.machines().get("local").weightOrDefault()).isEqualTo(1);
        assertThat(TopologyJson.parse(saved, "saved.json").topology()).isEqualTo(t);
        assertThat(TopologyJson.write(TopologyJson.parse(saved, "saved.json").topology())).isEqualTo(saved);
    }

    @Test
    void unknownKeysAndWrongTypesAreReportedWithTheirPlace() {
        LoadResult r = TopologyJson.parse("""
                {"format": "nslab/1", "name": "lab",
                 "machines": {"m2": {"helpr": "unix:/x", "underlay": 5, "vxlanPort": "4789"}, "m3": []},
                 "namespaces": {"a": {"machine": 2}}}
                """, "t.json");
        assertThat(r.problems()).extracting(Problem::format).containsExactly(
                "t.json:2:22 /machines/m2/helpr: unknown key \"helpr\"; did you mean \"helper\"?",
                "t.json:2:42 /machines/m2/underlay: expected a string, found the number 5",
                "t.json:2:57 /machines/m2/vxlanPort: expected a whole number, found the string \"4789\"",
                "t.json:2:79 /machines/m3: expected a machine object with \"helper\" and \"underlay\", found an array",
                "t.json:3:23 /namespaces/a/machine: expected a string, found the number 2",
                // The misspelt key leaves the machine without a helper; the wrong-typed underlay is not reported twice.
                "t.json:2:15 /machines/m2/helper: missing \"helper\"; expected how to reach machine \"m2\"'s helper: "
                        + "\"unix:/run/nslab/helper.sock\" or \"ssh://user@host\"");
    }
}
