package org.nslab.engine.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.nslab.engine.problem.Problem;

/** The fixtures of the other tools' formats and their golden designs and reports. */
final class Fixtures {
    /** Run with {@code -Dgolden.update=true} to rewrite the expected files after a deliberate change (then review the diff). */
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static final List<String> FILES = List.of("routed.clab.yml", "office.mn", "campus.xml");

    private Fixtures() {}

    static Path dir() {
        try {
            return Path.of(Fixtures.class.getResource("/interop/routed.clab.yml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path file(String name) {
        return dir().resolve(name);
    }

    /** The report as the CLI prints it, with the fixture's bare name, so the golden file is the same on every machine. */
    static String report(ImportResult r) {
        return r.notes().stream().map(p -> p.withPlace(Path.of(p.file()).getFileName().toString(), p.line(), p.column()))
                .map(Problem::format).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Compares {@code actual} with the golden file (source tree path, so an update lands in git). */
    static void assertGolden(String goldenName, String actual) throws IOException {
        Path golden = Path.of("src/test/resources/interop/golden").resolve(goldenName);
        if (UPDATE) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
        }
        assertThat(golden).as("golden file " + golden + " (run with -Dgolden.update=true to create it)").exists();
        assertThat(actual).isEqualTo(Files.readString(golden));
    }
}
