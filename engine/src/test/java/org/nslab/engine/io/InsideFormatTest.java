package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;

/** The keys that describe what runs inside a namespace: {@code hostname}, {@code hosts}, {@code run}, {@code etcHosts}. */
class InsideFormatTest {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @Test
    void readsEveryKeyAndSavesCanonically() throws IOException {
        LoadResult r = TopologyJson.load(DIR.resolve("inside.nslab.json"));
        assertThat(r.problems()).isEmpty();
        Namespace red = r.topology().namespaces().get("red");
        assertThat(red.hostname()).isEqualTo("red-host");
        assertThat(red.hosts()).containsEntry("gw", List.of("10.0.1.1", "fd00::1")).containsKey("db.lab.test");
        assertThat(red.run()).containsExactly(List.of("python3", "-m", "http.server", "8080"), List.of("sleep", "infinity"));
        assertThat(r.topology().etcHosts()).isTrue();
        String saved = TopologyJson.write(r.topology());
        assertGolden(DIR.resolve("inside.saved.nslab.json"), saved);
        LoadResult again = TopologyJson.parse(saved, "inside.saved.nslab.json");
        assertThat(again.topology()).isEqualTo(r.topology());
        assertThat(TopologyJson.write(again.topology())).isEqualTo(saved);
    }

    @Test
    void aFileWithoutTheKeysMeansWhatItMeantBefore() {
        Topology t = TopologyJson.parse("{\"format\": \"nslab/1\", \"name\": \"old\", \"namespaces\": {\"a\": {}}}", "old.nslab.json").topology();
        assertThat(t.etcHosts()).isNull();
        assertThat(t.writesEtcHosts()).isTrue();
        assertThat(t.namespaces().get("a")).isEqualTo(Namespace.empty());
        assertThat(TopologyJson.write(t)).doesNotContain("etcHosts").doesNotContain("hostname").doesNotContain("run");
    }

    @Test
    void etcHostsFalseIsKept() {
        Topology t = TopologyJson.parse("{\"format\": \"nslab/1\", \"name\": \"off\", \"etcHosts\": false}", "off.nslab.json").topology();
        assertThat(t.writesEtcHosts()).isFalse();
        assertThat(TopologyJson.write(t)).contains("\"etcHosts\": false");
    }

    @Test
    void everyBadValueIsReportedAtItsPlace() throws IOException {
        String text = Files.readString(DIR.resolve("inside-problems.nslab.json"));
        LoadResult r = TopologyJson.parse(text, "inside-problems.nslab.json");
        assertThat(r.ok()).isFalse();
        assertGolden(DIR.resolve("inside-problems.problems.txt"),
                r.problems().stream().map(p -> p.format() + "\n").collect(Collectors.joining()));
    }

    private static void assertGolden(Path golden, String actual) throws IOException {
        if (UPDATE) Files.writeString(golden, actual);
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
