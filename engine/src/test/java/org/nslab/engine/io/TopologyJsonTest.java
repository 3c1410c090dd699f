package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

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

    @Test
    void aNewFileIsReadableByOthersAndAFileSavedOverKeepsItsMode(@TempDir Path dir) throws IOException {
        Topology t = TopologyJson.load(ExamplesTest.EXAMPLES.resolve("router-lab.nslab.json")).topology();
        Path fresh = dir.resolve("new.nslab.json");
        TopologyJson.save(t, fresh);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
        Path kept = dir.resolve("kept.nslab.json");
        Files.writeString(kept, "{}");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-rw----"));
        TopologyJson.save(t, kept);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept))).isEqualTo("rw-rw----");
        assertThat(TopologyJson.load(kept).topology()).isEqualTo(t);
    }

    @Test
    void printedProblemIsOneLineEvenForKeysWithControlCharacters() {
        LoadResult r = TopologyJson.parse("{\"format\":\"nslab/1\",\"name\":\"lab\",\"namespaces\":{\"a\\u001b[2Jb\\nc\":{}}}", "t.json");
        assertThat(r.problems()).hasSize(1);
        assertThat(r.problems().get(0).format()).doesNotContain("\n", "\u001b")
                .startsWith("t.json:1:48 /namespaces/a\\u001b[2Jb\\u000ac: ");
    }

    @Test
    void wrongFormatIsTheOnlyProblemReported() {
        LoadResult r = TopologyJson.parse("{\"format\":\"nslab/2\",\"name\":\"lab\",\"future\":{}}", "t.json");
        assertThat(r.topology()).isNull();
        assertThat(r.problems()).extracting(Problem::format)
                .containsExactly("t.json:1:2 /format: \"nslab/2\" is not a supported format; this version reads \"nslab/1\"");
    }

    @Test
    void invalidUtf8IsReportedWithItsPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.nslab.json");
        Files.write(file, new byte[] {'{', '\n', ' ', '"', (byte) 0xC3, '"', '}'});
        assertThat(TopologyJson.load(file).problems()).extracting(Problem::format)
                .containsExactly(file + ":2:3: the file is not valid UTF-8 (at byte 4); save it as UTF-8");
    }
}
