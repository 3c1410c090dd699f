package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.nslab.engine.model.Topology;

/**
 * The golden files of the format's tests. Run with {@code -Dgolden.update=true} to rewrite them after a deliberate
 * change (then review the diff).
 */
final class Golden {
    static final Path DIR = Path.of("src", "test", "resources", "golden");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private Golden() {}

    static void assertGolden(String name, String actual) throws IOException {
        Path golden = DIR.resolve(name);
        if (UPDATE) Files.writeString(golden, actual);
        assertThat(actual).isEqualTo(Files.readString(golden));
    }

    /** The design saves as the golden file {@code savedName}, which loads back as the same design and saves to the same bytes. */
    static void assertSavesCanonically(Topology design, String savedName) throws IOException {
        String saved = TopologyJson.write(design);
        assertGolden(savedName, saved);
        LoadResult again = TopologyJson.parse(saved, savedName);
        assertThat(again.topology()).isEqualTo(design);
        assertThat(TopologyJson.write(again.topology())).isEqualTo(saved);
    }

    /** Every problem of the broken design {@code designName}, one a line, as the golden file {@code problemsName} lists them. */
    static void assertProblems(String designName, String problemsName) throws IOException {
        LoadResult r = TopologyJson.parse(Files.readString(DIR.resolve(designName)), designName);
        assertThat(r.ok()).isFalse();
        assertGolden(problemsName, r.problems().stream().map(p -> p.format() + "\n").collect(Collectors.joining()));
    }
}
