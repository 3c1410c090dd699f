package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nslab.cli.CliTest.nslab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** {@code nslab import} and {@code nslab export --format clab}: design out, report on stderr, exit codes of the contract. */
class ImportCommandTest {
    static final Path FIXTURES = Path.of("..", "engine", "src", "test", "resources", "interop");
    static final List<String> FILES = List.of("routed.clab.yml", "office.mn", "campus.xml");

    @TempDir
    Path dir;

    @ParameterizedTest
    @FieldSource("FILES")
    void importWritesTheGoldenDesignAndReportsOnStandardError(String name) throws IOException {
        Path out = dir.resolve("lab.nslab.json");
        CliTest.Run r = nslab("import", FIXTURES.resolve(name).toString(), "-o", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(Files.readString(out)).isEqualTo(Files.readString(FIXTURES.resolve("golden").resolve(name + ".nslab.json")));
        assertThat(r.err()).startsWith("not carried over (");
        // Each note line is placed in the source: file:line:col, then the pointer.
        r.err().lines().skip(1).forEach(l -> assertThat(l).matches("\\S+:\\d+:\\d+ /\\S*: .+"));
        assertThat(nslab("validate", out.toString()).exit()).isZero();
    }

    @Test
    void withoutOutputTheDesignGoesToStandardOutput() throws IOException {
        CliTest.Run r = nslab("import", "--format", "mininet", "linear,2");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("\"name\": \"linear\"").contains("\"s2-eth2\"");
        Path file = dir.resolve("x.nslab.json");
        Files.writeString(file, r.out());
        assertThat(nslab("validate", file.toString()).exit()).isZero();
    }

    @Test
    void inputNotUnderstoodExitsOneWithWhereAndWhy() throws IOException {
        Path bad = dir.resolve("bad.clab.yml");
        Files.writeString(bad, "name: bad\ntopology:\n  nodes:\n    a: {kind: linux}\n  links:\n    - endpoints: [\"a:eth1\"]\n");
        CliTest.Run r = nslab("import", bad.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(bad + ":6:7 /topology/links/0: a veth link needs exactly two endpoints\n");
        assertThat(nslab("import", dir.resolve("missing.xml").toString()).err()).contains("cannot read the file");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(nslab("import").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(nslab("import", "--format", "gns3", "x").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(nslab("import", "--kernel", "x.clab.yml").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(nslab("import", "--kernel", "--format", "clab").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void exportClabThenImportGivesTheDesignBack() throws IOException {
        Path design = dir.resolve("office.nslab.json");
        assertThat(nslab("import", FIXTURES.resolve("campus.xml").toString(), "-o", design.toString()).exit()).isZero();
        Path clab = dir.resolve("campus.clab.yml");
        CliTest.Run export = nslab("export", "--format", "clab", design.toString(), "-o", clab.toString());
        assertThat(export.exit()).isZero();
        assertThat(export.err()).contains("nslab export: the netem of gw:eth1").contains("nslab export: the description is not exported");
        Path back = dir.resolve("back.nslab.json");
        assertThat(nslab("import", clab.toString(), "-o", back.toString()).exit()).isZero();
        String expected = Files.readString(design).replaceAll("(?s),?\\s*\"netem\": \\{[^}]*\\}", "");
        String actual = Files.readString(back);
        assertThat(strip(actual)).isEqualTo(strip(expected));
        CliTest.Run stdout = nslab("export", "--format", "clab", design.toString());
        assertThat(stdout.out()).isEqualTo(Files.readString(clab));
    }

    /** Everything but the description line, which says where each came from. */
    private static String strip(String design) {
        return design.replaceAll("\\s*\"description\": \"[^\"]*\",", "");
    }
}
