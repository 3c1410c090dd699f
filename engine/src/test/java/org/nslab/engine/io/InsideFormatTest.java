package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;

/** The keys that describe what runs inside a namespace: {@code hostname}, {@code hosts}, {@code run}, {@code etcHosts}. */
class InsideFormatTest {
    @Test
    void readsEveryKeyAndSavesCanonically() throws IOException {
        LoadResult r = TopologyJson.load(Golden.DIR.resolve("inside.nslab.json"));
        assertThat(r.problems()).isEmpty();
        Namespace red = r.topology().namespaces().get("red");
        assertThat(red.hostname()).isEqualTo("red-host");
        assertThat(red.hosts()).containsEntry("gw", List.of("10.0.1.1", "fd00::1")).containsKey("db.lab.test");
        assertThat(red.run()).containsExactly(List.of("python3", "-m", "http.server", "8080"), List.of("sleep", "infinity"));
        assertThat(r.topology().etcHosts()).isTrue();
        Golden.assertSavesCanonically(r.topology(), "inside.saved.nslab.json");
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
        Golden.assertProblems("inside-problems.nslab.json", "inside-problems.problems.txt");
    }
}
