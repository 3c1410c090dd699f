package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.validate.Validator;

/** The shipped example labs are valid designs and are stored in canonical form. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "assets", "examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".nslab.json")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleLoadsWithoutProblems(Path file) {
        LoadResult result = TopologyJson.load(file);
        assertThat(result.problems()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(Validator.validate(result.topology())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleIsCanonicalSoSavingItChangesNoByte(Path file) throws IOException {
        String text = Files.readString(file);
        assertThat(TopologyJson.write(TopologyJson.load(file).topology())).isEqualTo(text);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void exampleFileNameIsTheLabName(Path file) {
        String name = file.getFileName().toString().replace(".nslab.json", "");
        assertThat(TopologyJson.load(file).topology().name()).isEqualTo(name);
    }

    @org.junit.jupiter.api.Test
    void everyPictureOfTheFormatHasAnExample() throws IOException {
        assertThat(examples()).extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrder(
                "bridge.nslab.json", "netfilter-hooks.nslab.json", "router-lab.nslab.json", "tun.nslab.json",
                "veth-one-stack.nslab.json");
    }
}
