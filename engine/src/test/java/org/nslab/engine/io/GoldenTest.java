package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Golden files: how a hand-written, non-canonical design is saved, and the full problem list of a broken one.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files after a deliberate change (then review the diff).
 */
class GoldenTest {
    private static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @Test
    void messyDesignSavesInCanonicalForm() throws IOException {
        LoadResult r = TopologyJson.load(DIR.resolve("messy.nslab.json"));
        assertThat(r.problems()).isEmpty();
        String saved = TopologyJson.write(r.topology());
        assertGolden(DIR.resolve("messy.saved.nslab.json"), saved);
        LoadResult again = TopologyJson.parse(saved, "messy.saved.nslab.json");
        assertThat(again.topology()).isEqualTo(r.topology());
        assertThat(TopologyJson.write(again.topology())).isEqualTo(saved);
    }

    @Test
    void brokenDesignReportsEveryProblemAtOnce() throws IOException {
        String text = Files.readString(DIR.resolve("many-problems.nslab.json"));
        LoadResult r = TopologyJson.parse(text, "many-problems.nslab.json");
        assertThat(r.ok()).isFalse();
        assertGolden(DIR.resolve("many-problems.problems.txt"),
                r.problems().stream().map(p -> p.format() + "\n").collect(Collectors.joining()));
    }

    private static void assertGolden(Path golden, String actual) throws IOException {
        if (UPDATE) Files.writeString(golden, actual);
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
