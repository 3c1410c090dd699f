package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.model.Topology;

class TopologyJsonTest {

    @Test
    void truncatedFileGivesOneProblemAtItsEnd() {
        LoadResult r = TopologyJson.parse("{\n  \"format\": \"nslab/1\",\n  \"name\": \"x", "lab.nslab.json");
        assertThat(r.topology()).isNull();
        assertThat(r.problems()).extracting(Problem::format)
                .containsExactly("lab.nslab.json:3:13 /name: the file ends in the middle of the JSON text (is it truncated?)");
    }

    @Test
    void savedFileReadsBackEqualAndSavesByteIdentical(@TempDir Path dir) throws IOException {
        Topology t = TopologyJson.load(ExamplesTest.EXAMPLES.resolve("router-lab.nslab.json")).topology();
        Path file = dir.resolve("copy.nslab.json");
        TopologyJson.save(t, file);
        LoadResult again = TopologyJson.load(file);
        assertThat(again.ok()).isTrue();
        assertThat(again.topology()).isEqualTo(t);
        assertThat(TopologyJson.write(again.topology())).isEqualTo(Files.readString(file));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
