package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.validate.Validator;

/**
 * Corrupts the example labs thousands of ways, with a fixed seed per file so a failure reproduces, and proves
 * the loader only ever answers with problems: it never throws, every problem is placed, and whenever it says
 * ok the design passes validation and survives a save and reload unchanged.
 */
class MutationTest {
    private static final int TEXT_MUTATIONS = 1200;
    private static final int TREE_MUTATIONS = 800;
    private static final Pattern TOKEN = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d+(?:\\.\\d+)?|true|false|null|[{}\\[\\]:,]");
    private static final String[] NASTY = {"", " ", "\n", "\u0000", "\t", "\u2028", "é", "😀", "\\", "\"", "'", "..", "/", "+",
            "host", "default", "lo", "eth0", "-1", "0", "65536", "1:0", "0:65535", "::", "::1", "10.0.0.1", "10.0.0.0/33",
            "fe80::1", "01.2.3.4", "10.0.1.1/24", "ACCEPT", "DROP", "DNAT", "nat", "INPUT", "tcp", "icmpv6", "x".repeat(300)};

    @ParameterizedTest
    @MethodSource("org.nslab.engine.io.ExamplesTest#examples")
    void corruptedTextOnlyEverYieldsProblems(Path file) throws IOException {
        String original = Files.readString(file);
        Random random = new Random(file.getFileName().toString().hashCode());
        for (int i = 0; i < TEXT_MUTATIONS; i++) {
            String mutated = mutateText(original, random);
            assertOnlyProblems(mutated, file + " text mutation " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("org.nslab.engine.io.ExamplesTest#examples")
    void corruptedValuesOnlyEverYieldProblems(Path file) throws IOException {
        JsonNode original = new ObjectMapper().readTree(file.toFile());
        Random random = new Random(31L * file.getFileName().toString().hashCode());
        int accepted = 0;
        for (int i = 0; i < TREE_MUTATIONS; i++) {
            JsonNode copy = original.deepCopy();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) copy = mutateTree(copy, random);
            if (assertOnlyProblems(CanonicalPrinter.print(copy), file + " tree mutation " + i)) accepted++;
        }
        // Some edits keep the design valid (a moved node, a different port): the ok path must be exercised too.
        assertThat(accepted).as("mutations that still load ok").isPositive();
    }

    /** Returns whether the text loaded ok. */
    static boolean assertOnlyProblems(String text, String label) {
        LoadResult result;
        try {
            result = TopologyJson.parse(text, "m.nslab.json");
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(label + " threw on:\n" + text, e);
        }
        long lines = text.chars().filter(c -> c == '\n').count() + 1;
        for (Problem p : result.problems()) {
            assertThat(p.file()).as(label).isEqualTo("m.nslab.json");
            assertThat(p.line()).as(label + " " + p).isBetween(1, (int) lines);
            assertThat(p.column()).as(label + " " + p).isPositive();
            assertThat(p.pointer()).as(label + " " + p).matches("(?s)(/.*)?");
            assertThat(p.message()).as(label).isNotBlank();
        }
        if (result.topology() == null && result.problems().isEmpty()) fail(label + ": no topology and no problem for:\n" + text);
        if (result.ok()) {
            assertThat(Validator.validate(result.topology())).as(label + " ok but invalid:\n" + text).isEmpty();
            String saved = TopologyJson.write(result.topology());
            LoadResult again = TopologyJson.parse(saved, "saved.nslab.json");
            assertThat(again.ok()).as(label + " saved copy fails:\n" + saved).isTrue();
            assertThat(again.topology()).as(label).isEqualTo(result.topology());
            assertThat(TopologyJson.write(again.topology())).as(label).isEqualTo(saved);
        }
        return result.ok();
    }

    private static String mutateText(String s, Random random) {
        int n = s.length();
        int at = random.nextInt(n);
        return switch (random.nextInt(10)) {
            case 0 -> s.substring(0, at) + s.substring(Math.min(n, at + 1 + random.nextInt(8)));
            case 1 -> s.substring(0, at) + "{}[]:,\"\\0123456789.-eE tfn\u0000\u00e9\n".charAt(random.nextInt(27)) + s.substring(at);
            case 2 -> s.substring(0, at) + (char) random.nextInt(0x3000) + s.substring(Math.min(n, at + 1));
            case 3 -> s.substring(0, at);
            case 4 -> swapTokens(s, random);
            case 5 -> replaceToken(s, random, new String[] {"\"x\"", "1", "-1", "1.5", "1e400", "true", "null", "[]", "{}", "\"\"",
                    "99999999999999999999", "[1,2]", "{\"a\":1}"});
            case 6 -> duplicateMember(s, random);
            case 7 -> nest(s, at, random);
            case 8 -> replaceToken(s, random, new String[] {"\"" + NASTY[random.nextInt(NASTY.length)].replace("\\", "\\\\")
                    .replace("\"", "\\\"").replace("\n", "\\n").replace("\u0000", "\\u0000").replace("\t", "\\t") + "\""});
            default -> s.substring(0, at) + s.substring(at, Math.min(n, at + 40)).toUpperCase() + s.substring(Math.min(n, at + 40));
        };
    }

    private static List<int[]> tokens(String s) {
        List<int[]> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(s);
        while (m.find()) out.add(new int[] {m.start(), m.end()});
        return out;
    }

    private static String swapTokens(String s, Random random) {
        List<int[]> t = tokens(s);
        int[] a = t.get(random.nextInt(t.size()));
        int[] b = t.get(random.nextInt(t.size()));
        if (a[0] > b[0]) {
            int[] x = a;
            a = b;
            b = x;
        }
        if (a[1] > b[0]) return s;
        return s.substring(0, a[0]) + s.substring(b[0], b[1]) + s.substring(a[1], b[0]) + s.substring(a[0], a[1]) + s.substring(b[1]);
    }

    private static String replaceToken(String s, Random random, String[] replacements) {
        List<int[]> t = tokens(s);
        int[] a = t.get(random.nextInt(t.size()));
        return s.substring(0, a[0]) + replacements[random.nextInt(replacements.length)] + s.substring(a[1]);
    }

    /** Repeats a whole {@code "key": value,} line, which makes a duplicate key in that object. */
    private static String duplicateMember(String s, Random random) {
        String[] lines = s.split("\n", -1);
        int i = random.nextInt(lines.length);
        for (int k = 0; k < lines.length; k++, i = (i + 1) % lines.length) {
            if (lines[i].trim().startsWith("\"") && lines[i].trim().endsWith(",")) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0; j < lines.length; j++) {
                    sb.append(lines[j]).append(j + 1 < lines.length ? "\n" : "");
                    if (j == i) sb.append(lines[j]).append("\n");
                }
                return sb.toString();
            }
        }
        return s;
    }

    private static String nest(String s, int at, Random random) {
        int depth = random.nextBoolean() ? random.nextInt(20) : 10 + random.nextInt(5000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        return s.substring(0, at) + open.repeat(depth) + "1" + close.repeat(random.nextInt(depth + 1)) + s.substring(at);
    }

    private static JsonNode mutateTree(JsonNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode value = switch (random.nextInt(9)) {
            case 0 -> f.textNode(NASTY[random.nextInt(NASTY.length)]);
            case 1 -> f.numberNode(random.nextInt(140000) - 70000);
            case 2 -> f.numberNode(random.nextDouble() * 100);
            case 3 -> f.booleanNode(random.nextBoolean());
            case 4 -> f.nullNode();
            case 5 -> f.objectNode();
            case 6 -> f.arrayNode();
            case 7 -> containers.get(random.nextInt(containers.size())).deepCopy();
            default -> f.textNode(randomFieldText(random));
        };
        if (target instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            int choice = random.nextInt(4);
            if (keys.isEmpty() || choice == 0) {
                String key = random.nextBoolean() ? NASTY[random.nextInt(NASTY.length)] : Binder.RULE.stream().toList()
                        .get(random.nextInt(Binder.RULE.size()));
                o.set(key, value);
            } else if (choice == 1) {
                o.remove(keys.get(random.nextInt(keys.size())));
            } else {
                o.set(keys.get(random.nextInt(keys.size())), value);
            }
        } else if (target instanceof ArrayNode a) {
            if (a.isEmpty() || random.nextBoolean()) a.add(value);
            else if (random.nextBoolean()) a.remove(random.nextInt(a.size()));
            else a.set(random.nextInt(a.size()), value);
        }
        return root;
    }

    private static String randomFieldText(Random random) {
        String[] pool = {"red", "router", "blue1", "br-red", "tun0", "eth0", "wan", "lan", "10.0.2.2", "10.0.1.1/24", "default",
                "fd00::1/64", "fd00::1", "10.0.9.9", "80", "22:80", "nat", "filter", "mangle", "raw", "PREROUTING", "POSTROUTING",
                "FORWARD", "INPUT", "OUTPUT", "red-to-blue", "MASQUERADE", "SNAT", "REJECT", "MARK", "LOG", "RETURN", "NEW",
                "icmp", "udp", "tcp", "all", "47", "echo-request", "tcp-reset", "0x1/0xff", "tap", "reach", "blocked"};
        return pool[random.nextInt(pool.length)];
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(c -> collect(c, out));
        }
    }
}
