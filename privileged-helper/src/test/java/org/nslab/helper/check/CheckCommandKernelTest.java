package org.nslab.helper.check;

import org.nslab.cli.CheckCommand;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Check;
import org.nslab.helper.testing.KernelTest;
import picocli.CommandLine;

@KernelTest
class CheckCommandKernelTest extends OnTinyLab {
    @TempDir
    Path dir;

    private Path file;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void build() throws Exception {
        file = dir.resolve("tiny.nslab.json");
        TopologyJson.save(TinyLab.design(List.of(new Check("red", "10.0.2.2", null, null, "reach"),
                new Check("red", "10.0.2.2", "tcp", 9090, "blocked"))), file);
    }

    private int nslab(String... args) {
        return new CommandLine(new CheckCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void passingChecksPrintATableAndExitZero() {
        assertThat(nslab(file.toString())).as(err.toString()).isEqualTo(0);
        assertThat(out.toString()).contains("FROM", "EXPECT", "icmp", "tcp/9090", "pass", "2 of 2 checks of tiny passed");
    }

    @Test
    void aFailingCheckExitsThreeAndJsonNamesTheRow() throws Exception {
        TinyLab.sh("ip netns exec tiny-router iptables -D FORWARD -i eth1 -p icmp -j ACCEPT");

        assertThat(nslab("--json", file.toString())).isEqualTo(3);

        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("passed").asBoolean()).isFalse();
        assertThat(doc.get("results").get(0).get("observed").asText()).isEqualTo("blocked");
        assertThat(doc.get("results").get(0).get("passed").asBoolean()).isFalse();
        assertThat(doc.get("results").get(1).get("passed").asBoolean()).isTrue();
    }

    @Test
    void theMatrixIsAGridOfEveryNamespaceAgainstEveryAddress() throws Exception {
        assertThat(nslab("--matrix", file.toString())).isEqualTo(0);
        assertThat(out.toString().lines().filter(l -> l.startsWith("blue ")).findFirst().orElseThrow())
                .matches("blue\\s+--\\s+ok\\s+ok\\s+ok");

        out.getBuffer().setLength(0);
        assertThat(nslab("--matrix", "--json", file.toString())).isEqualTo(0);
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("targets")).hasSize(4);
        assertThat(doc.get("rows")).hasSize(3);
    }

    @Test
    void aLabThatIsNotAppliedIsSaidSo() throws Exception {
        TinyLab.teardown();

        assertThat(nslab(file.toString())).isEqualTo(3);
        assertThat(err.toString()).contains("not applied", "tiny-blue");
        TinyLab.build();
    }

    @Test
    void anInvalidDesignExitsOneWithItsProblems() throws Exception {
        Path bad = dir.resolve("bad.nslab.json");
        Files.writeString(bad, "{\"format\": \"nslab/1\", \"name\": \"Bad Name\"}");

        assertThat(nslab(bad.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("bad.nslab.json:", "/name");
    }
}
