package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verbs that need no kernel, on a design across three machines: validate, plan, export. */
class MachinesCliTest {
    private static final Path SPREAD = Path.of("..", "engine", "src", "test", "resources", "machines", "spread.nslab.json");

    @TempDir
    Path dir;

    @Test
    void validateCountsTheMachinesAndPrintsWarningsWithoutFailing() throws Exception {
        CliTest.Run ok = CliTest.nslab("validate", SPREAD.toString());
        assertThat(ok.exit()).isZero();
        assertThat(ok.out()).contains("valid (lab spread: 4 namespaces, 1 bridge, 0 TUN/TAP devices, 4 veth pairs, on 3 machines)")
                .doesNotContain("warning");
        Path wide = dir.resolve("spread.nslab.json");
        Files.writeString(wide, Files.readString(SPREAD).replaceFirst("\"name\": \"eth1\"", "\"mtu\": 1500, \"name\": \"eth1\""));
        CliTest.Run warned = CliTest.nslab("validate", wide.toString());
        assertThat(warned.exit()).isZero();
        assertThat(warned.out()).contains("warning: " + wide + ":").contains("/veths/0/a/mtu: MTU 1500 leaves no room for the VXLAN "
                + "header on the underlay between \"local\" and \"m2\"; use \"mtu\": 1450");
    }

    @Test
    void planPrintsOnePlanPerMachineAndOneMachineOnAsking() throws Exception {
        CliTest.Run all = CliTest.nslab("plan", SPREAD.toString());
        assertThat(all.exit()).isZero();
        assertThat(all.out().lines().filter(l -> l.startsWith("machine "))).containsExactly("machine local:", "machine m2:", "machine m3:");
        assertThat(all.out()).contains("create vxlan eth0 in spread-h1 (VNI ");
        CliTest.Run m2 = CliTest.nslab("plan", "--machine", "m2", "--json", SPREAD.toString());
        assertThat(m2.exit()).isZero();
        var doc = new ObjectMapper().readTree(m2.out());
        assertThat(doc.get("operations")).anySatisfy(op -> assertThat(op.get("kind").asText()).isEqualTo("CreateVxlan"));
        assertThat(CliTest.nslab("plan", "--machine", "m9", SPREAD.toString()).exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aScriptCannotBuildALabAcrossMachines() {
        CliTest.Run r = CliTest.nslab("export", "--format", "sh", SPREAD.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("a script builds one machine's part");
    }
}
