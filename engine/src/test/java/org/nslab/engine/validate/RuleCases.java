package org.nslab.engine.validate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The cases of {@code rules.txt}: one small design per rule of the format, each breaking exactly that rule, and the
 * problem the loader must report for it. The cases are data, kept as text so each design is the one line its
 * problem's column counts in.
 */
final class RuleCases {
    private RuleCases() {}

    private static final String FILE = "rules.txt";

    static List<Arguments> cases() throws IOException {
        List<String> lines;
        try (InputStream in = RuleCases.class.getResourceAsStream(FILE)) {
            if (in == null) throw new IllegalStateException(FILE + " is not on the test class path next to RuleCases");
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<Arguments> cases = new ArrayList<>();
        List<String> block = new ArrayList<>();
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? lines.get(i) : "";
            if (line.startsWith("#")) continue;
            if (!line.isBlank()) {
                block.add(line);
                continue;
            }
            if (block.isEmpty()) continue;
            if (block.size() != 3) {
                throw new IllegalStateException(FILE + ":" + i + ": a case is three lines (name, design, problem), this one has " + block.size());
            }
            cases.add(Arguments.argumentSet(block.get(0), block.get(1).replace('\'', '"'), List.of(block.get(2))));
            block.clear();
        }
        return cases;
    }
}
