package org.nslab.engine.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.validate.Validator;

/**
 * Any text as a containerlab topology, a MiniEdit file (or a Mininet {@code --topo} spec) or a CORE scenario: the
 * importer answers with a valid, canonical design and notes at places in the input, or with located errors, and never
 * throws. One fuzz target per format, so each keeps its own corpus (ImporterFuzzTestInputs/&lt;target&gt;), seeded
 * from the import fixtures.
 */
class ImporterFuzzTest {

    @FuzzTest(maxDuration = "15s")
    @DictionaryFile(resourcePath = "/fuzz/clab.dict")
    void anyContainerlabFileImportsOrIsLocated(byte[] input) {
        importsOrIsLocated(input, "lab.clab.yml", ImportFormat.CLAB);
    }

    @FuzzTest(maxDuration = "15s")
    @DictionaryFile(resourcePath = "/fuzz/mininet.dict")
    void anyMiniEditFileOrTopoSpecImportsOrIsLocated(byte[] input) {
        importsOrIsLocated(input, "lab.mn", ImportFormat.MININET);
        String text = new String(input, StandardCharsets.UTF_8);
        String firstLine = text.lines().findFirst().orElse("");
        check(Importers.importTopo(firstLine), firstLine, false);
    }

    /**
     * A large tree (1,365 nodes), once kept in the corpus as a slow input: there each fuzzing run replayed it twice
     * before its first new input, which used the whole of the test run's budget for the target. Checked here alike.
     */
    @Test
    void aLargeTreeSpecImportsAsAValidDesign() {
        check(Importers.importTopo("tree,5,4"), "tree,5,4", false);
    }

    @FuzzTest(maxDuration = "15s")
    @DictionaryFile(resourcePath = "/fuzz/core.dict")
    void anyCoreScenarioImportsOrIsLocated(byte[] input) {
        importsOrIsLocated(input, "lab.xml", ImportFormat.CORE);
    }

    private static void importsOrIsLocated(byte[] input, String name, ImportFormat format) {
        // Importers.importFile refuses text that is not UTF-8 before any importer sees it; decoded leniently
        // here, every byte sequence reaches the importer.
        String text = new String(input, StandardCharsets.UTF_8);
        check(Importers.importText(Source.of(name, text), format), name, true);
    }

    private static void check(ImportResult result, String name, boolean placed) {
        assertThat(result.design() == null).as("a design or errors, never both: %s", result.errors()).isEqualTo(!result.errors().isEmpty());
        for (Problem p : result.errors()) located(p, name, placed);
        if (!result.ok()) return;
        for (Problem p : result.notes()) located(p, name, placed);
        Topology design = result.design();
        assertThat(Validator.validate(design)).as("an imported design is valid").isEmpty();
        String saved = TopologyJson.write(design);
        LoadResult again = TopologyJson.parse(saved, "imported");
        assertThat(again.problems()).as(saved).isEmpty();
        assertThat(again.topology()).isEqualTo(design);
    }

    private static void located(Problem p, String name, boolean placed) {
        assertThat(p.message()).as(p.format()).isNotBlank();
        if (!placed) return;
        assertThat(p.file()).as(p.format()).isEqualTo(name);
        assertThat(p.line()).as(p.format()).isPositive();
        assertThat(p.column()).as(p.format()).isPositive();
    }
}
