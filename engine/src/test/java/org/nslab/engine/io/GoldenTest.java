package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Golden files: how a hand-written, non-canonical design is saved, and the full problem list of a broken one.
 * Run with {@code -Dgolden.update=true} to rewrite the expected files after a deliberate change (see {@link Golden}).
 */
class GoldenTest {
    @Test
    void messyDesignSavesInCanonicalForm() throws IOException {
        LoadResult r = TopologyJson.load(Golden.DIR.resolve("messy.nslab.json"));
        assertThat(r.problems()).isEmpty();
        Golden.assertSavesCanonically(r.topology(), "messy.saved.nslab.json");
    }

    @Test
    void brokenDesignReportsEveryProblemAtOnce() throws IOException {
        Golden.assertProblems("many-problems.nslab.json", "many-problems.problems.txt");
    }
}
