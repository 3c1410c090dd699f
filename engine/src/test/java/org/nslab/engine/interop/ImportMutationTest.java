package org.nslab.engine.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.validate.Validator;

/**
 * Corrupts each importer's fixture hundreds of ways, with a fixed seed per file so a failure reproduces, and
 * proves an import only ever answers with a design or located errors: it never throws, every error and note is
 * placed inside the file, and whenever it gives a design that design is valid and canonical.
 */
class ImportMutationTest {
    private static final int MUTATIONS = 400;
    private static final String[] INSERTS = {"{", "}", "[", "]", ":", ",", "\"", "'", "-", " ", "\n", "\t", "<", ">", "/", "&",
            "*", "!", "#", "%", "\u0000", "é", "\u2028", "0", "999999999999", "-1", "null", "~", "<<: *x", "&a ", "<!DOCTYPE x>",
            "<!ENTITY e SYSTEM \"file:///etc/passwd\">", "&e;", "1e400", "true", "host", "eth0", "10.0.0.1", "x".repeat(40)};
    static final java.util.List<String> FILES = Fixtures.FILES;

    @ParameterizedTest
    @FieldSource("FILES")
    void corruptedInputOnlyEverYieldsLocatedErrors(String name) throws IOException {
        String original = Files.readString(Fixtures.file(name));
        Random random = new Random(name.hashCode());
        int accepted = 0;
        int refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String mutated = mutate(original, random);
            if (check(mutated, name, name + " mutation " + i)) accepted++;
            else refused++;
        }
        // Both outcomes must be exercised: some edits keep the file meaningful, most do not.
        assertThat(accepted).as("mutations still imported").isPositive();
        assertThat(refused).as("mutations refused").isPositive();
    }

    /** Returns whether the text imported. */
    private static boolean check(String text, String name, String label) {
        ImportResult r;
        try {
            r = Importers.importText(Source.of(name, text), null);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(label + " threw on:\n" + text, e);
        }
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        if (r.design() == null && r.errors().isEmpty()) fail(label + ": neither a design nor an error for:\n" + text);
        if (r.design() != null && !r.errors().isEmpty()) fail(label + ": both a design and errors");
        for (Problem p : r.errors()) placed(p, name, lines, label);
        for (Problem p : r.notes()) placed(p, name, lines, label);
        if (r.design() != null) {
            assertThat(Validator.validate(r.design())).as(label + " gave an invalid design for:\n" + text).isEmpty();
            String saved = TopologyJson.write(r.design());
            var again = TopologyJson.parse(saved, "again.nslab.json");
            assertThat(again.ok()).as(label).isTrue();
            assertThat(again.topology()).as(label).isEqualTo(r.design());
        }
        return r.ok();
    }

    private static void placed(Problem p, String name, long lines, String label) {
        assertThat(p.file()).as(label).isEqualTo(name);
        assertThat(p.line()).as(label + " " + p).isBetween(1, (int) lines);
        assertThat(p.column()).as(label + " " + p).isPositive();
        assertThat(p.message()).as(label).isNotBlank();
        assertThat(p.format()).as(label).doesNotContain("\n");
    }

    private static String mutate(String s, Random random) {
        int n = s.length();
        int at = random.nextInt(n);
        String[] lines = s.split("\n", -1);
        int line = random.nextInt(lines.length);
        return switch (random.nextInt(8)) {
            case 0 -> s.substring(0, at) + s.substring(Math.min(n, at + 1 + random.nextInt(12)));
            case 1 -> s.substring(0, at) + INSERTS[random.nextInt(INSERTS.length)] + s.substring(at);
            case 2 -> s.substring(0, at) + (char) random.nextInt(0x3000) + s.substring(Math.min(n, at + 1));
            case 3 -> s.substring(0, at);
            case 4 -> {
                // A line repeated: duplicate keys, links, devices.
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < lines.length; j++) {
                    sb.append(lines[j]).append(j + 1 < lines.length ? "\n" : "");
                    if (j == line) sb.append(lines[j]).append("\n");
                }
                yield sb.toString();
            }
            case 5 -> {
                // A line removed.
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < lines.length; j++) if (j != line) sb.append(lines[j]).append(j + 1 < lines.length ? "\n" : "");
                yield sb.toString();
            }
            case 6 -> s.replaceFirst("(?<=[\":= ])[0-9.]+", INSERTS[random.nextInt(INSERTS.length)]);
            default -> {
                int a = random.nextInt(lines.length);
                String x = lines[a];
                lines[a] = lines[line];
                lines[line] = x;
                yield String.join("\n", lines);
            }
        };
    }
}
