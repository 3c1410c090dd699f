package org.nslab.engine.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.validate.Validator;

/** Each fixture imports to its golden design, valid and canonical, with its golden report of what was not carried over. */
class ImportersTest {
    static final java.util.List<String> FILES = Fixtures.FILES;

    @ParameterizedTest
    @FieldSource("FILES")
    void fixtureImportsToItsGoldenDesignAndReport(String name) throws IOException {
        ImportResult r = Importers.importFile(Fixtures.file(name), null);
        assertThat(r.errors()).as(name).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(Validator.validate(r.design())).isEmpty();
        String text = TopologyJson.write(r.design());
        Fixtures.assertGolden(name + ".nslab.json", text);
        Fixtures.assertGolden(name + ".notes.txt", Fixtures.report(r));
        // Canonical: the written design reads back equal and writes the same bytes.
        var again = TopologyJson.parse(text, "again.nslab.json");
        assertThat(again.ok()).isTrue();
        assertThat(again.topology()).isEqualTo(r.design());
        assertThat(TopologyJson.write(again.topology())).isEqualTo(text);
    }

    @ParameterizedTest
    @FieldSource("FILES")
    void everyNoteNamesALineOfItsFile(String name) throws IOException {
        ImportResult r = Importers.importFile(Fixtures.file(name), null);
        assertThat(r.notes()).isNotEmpty();
        for (var n : r.notes()) {
            long lines = java.nio.file.Files.readString(java.nio.file.Path.of(n.file())).lines().count();
            assertThat(n.line()).as(n.format()).isBetween(1, (int) lines);
            assertThat(n.column()).as(n.format()).isPositive();
        }
    }
}
