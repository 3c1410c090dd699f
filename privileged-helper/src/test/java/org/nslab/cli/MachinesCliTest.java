package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /** The spread design with every namespace left to nslab, saved canonically as the designer would. */
    private Path open() throws Exception {
        Path open = dir.resolve("open.nslab.json");
        String text = Files.readString(SPREAD).replace("\"machine\": \"m2\"", "\"machine\": \"*\"").replace("\"machine\": \"m3\"", "\"machine\": \"*\"");
        var t = org.nslab.engine.io.TopologyJson.parse(text, "open").topology();
        var namespaces = new java.util.TreeMap<>(t.namespaces());
        namespaces.replaceAll((id, ns) -> ns.withMachine("*"));
        org.nslab.engine.io.TopologyJson.save(t.withNamespaces(namespaces), open);
        return open;
    }

    @Test
    void planMarksTheNodesNslabPlacedAndPlacePinsThemIntoTheFile() throws Exception {
        Path open = open();
        String before = Files.readString(open);
        CliTest.Run plan = CliTest.nslab("plan", open.toString());
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).contains("(* placed by nslab; nslab place FILE writes it into the design)");
        List<String> lines = plan.out().lines().filter(l -> l.startsWith("  namespaces: ")).toList();
        assertThat(lines).hasSize(org.nslab.engine.plan.MachinePart.machines(org.nslab.engine.io.TopologyJson.load(open).topology()).size()).allMatch(l -> l.matches("  namespaces: (none|[a-z0-9]+\\*(, [a-z0-9]+\\*)*)"));
        assertThat(String.join(",", lines).chars().filter(c -> c == '*').count()).isEqualTo(4);
        CliTest.Run one = CliTest.nslab("plan", "--machine", "m2", open.toString());
        assertThat(one.out().lines().findFirst().orElseThrow()).startsWith("  namespaces: ").contains("*");

        CliTest.Run dry = CliTest.nslab("place", "--dry-run", open.toString());
        assertThat(dry.exit()).isZero();
        assertThat(dry.out().lines().filter(l -> l.startsWith("namespace "))).hasSize(4);
        assertThat(Files.readString(open)).isEqualTo(before);

        CliTest.Run place = CliTest.nslab("place", open.toString());
        assertThat(place.exit()).isZero();
        assertThat(place.out()).isEqualTo(dry.out() + open + ": saved\n");
        String after = Files.readString(open);
        List<String> was = before.lines().toList();
        List<String> now = after.lines().toList();
        assertThat(now).hasSameSizeAs(was);
        for (int i = 0; i < was.size(); i++) {
            if (was.get(i).equals(now.get(i))) continue;
            assertThat(was.get(i)).isEqualTo("      \"machine\": \"*\",");
            assertThat(now.get(i)).matches("      \"machine\": \"(local|m2|m3)\",");
        }
        // Each machine printed is the one now in the file, and the file plans the same parts.
        for (String line : dry.out().lines().filter(l -> l.startsWith("namespace ")).toList()) {
            String[] w = line.split(" ");
            var pinned = org.nslab.engine.io.TopologyJson.parse(after, "after").topology();
            assertThat(pinned.namespaces().get(w[1]).machineOrLocal()).isEqualTo(w[3]);
        }
        assertThat(CliTest.nslab("plan", open.toString()).out().replace("*", "").replace("  (* placed by nslab; nslab place FILE writes it into the design)\n", ""))
                .isEqualTo(plan.out().replace("  (* placed by nslab; nslab place FILE writes it into the design)\n", "").replace("*", ""));
        CliTest.Run again = CliTest.nslab("place", open.toString());
        assertThat(again.out()).contains("nothing to place");
        assertThat(Files.readString(open)).isEqualTo(after);
    }

    @Test
    void placeLeavesAnInvalidDesignAsItIs() throws Exception {
        Path bad = dir.resolve("bad.nslab.json");
        Files.writeString(bad, "{\"format\": \"nslab/1\", \"name\": \"lab\", \"namespaces\": {\"a\": {\"machine\": \"*\"}}}\n");
        String before = Files.readString(bad);
        CliTest.Run r = CliTest.nslab("place", bad.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.err()).contains(bad + ":1:").contains("/namespaces/a/machine: \"*\" leaves the machine to nslab");
        assertThat(Files.readString(bad)).isEqualTo(before);
    }
}
