package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.validate.Validator;

/**
 * Any bytes as a design file: the loader answers with a valid design or with problems that each name the file and a
 * place in it, and never throws. A design it accepts is valid by the validator's own word and survives a save and a
 * reload unchanged. The corpus (DesignLoaderFuzzTestInputs) starts from the examples and the test designs; every
 * input that once broke the loader stays there as a regression case. See docs/reliability.md for longer runs.
 */
class DesignLoaderFuzzTest {
    private static Path file;

    @BeforeAll
    static void oneFile() throws IOException {
        file = Files.createTempFile("nslab-fuzz", ".nslab.json");
    }

    @AfterAll
    static void removeFile() throws IOException {
        Files.deleteIfExists(file);
    }

    @FuzzTest(maxDuration = "15s")
    @DictionaryFile(resourcePath = "/fuzz/design.dict")
    void anyFileLoadsOrIsLocated(byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LoadResult result = TopologyJson.load(file);
        for (Problem p : result.problems()) {
            assertThat(p.file()).as(p.format()).isEqualTo(file.toString());
            assertThat(p.line()).as(p.format()).isPositive();
            assertThat(p.column()).as(p.format()).isPositive();
            assertThat(p.message()).as(p.format()).isNotBlank();
            assertThat(p.format()).doesNotContain("\n");
        }
        if (!result.ok()) return;
        Topology design = result.topology();
        assertThat(Validator.validate(design)).isEmpty();
        String saved = TopologyJson.write(design);
        LoadResult again = TopologyJson.parse(saved, "saved");
        assertThat(again.problems()).as(saved).isEmpty();
        assertThat(again.topology()).isEqualTo(design);
        assertThat(TopologyJson.write(again.topology())).isEqualTo(saved);
    }
}
