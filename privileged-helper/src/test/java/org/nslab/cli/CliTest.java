package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    static Run nslab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Stream<Path> examples() throws IOException {
        return Files.list(Path.of("..", "assets", "examples")).filter(p -> p.toString().endsWith(".nslab.json")).sorted();
    }

    static final Path ROUTER_LAB = Path.of("..", "assets", "examples", "router-lab.nslab.json");

    /** Two mistakes on known lines: an unknown key and an interface name over 15 characters. */
    private Path broken() throws IOException {
        Path file = dir.resolve("broken.nslab.json");
        Files.writeString(file, """
                {
                  "format": "nslab/1",
                  "name": "broken",
                  "namespaces": { "red": { "sysctl": { } } },
                  "veths": [ { "a": { "namespace": "red", "name": "averyveryverylongname" },
                               "b": { "namespace": "red", "name": "eth1" } } ]
                }
                """);
        return file;
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleValidates(Path example) {
        Run r = nslab("validate", example.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(example + ": valid (lab ");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void invalidDesignPrintsEveryProblemWithItsPlaceAndExitsOne() throws IOException {
        Path file = broken();
        Run r = nslab("validate", file.toString());
        assertThat(r.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(r.out().lines()).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(l -> l.matches(java.util.regex.Pattern.quote(file.toString()) + ":\\d+:\\d+ /\\S*: .+"));
        assertThat(r.out()).contains(file + ":4:").contains("/namespaces/red/sysctl")
                .contains(file + ":5:").contains("/veths/0/a/name");
    }

    @Test
    void validateJsonIsOneDocument() throws IOException {
        JsonNode ok = new ObjectMapper().readTree(nslab("validate", "--json", ROUTER_LAB.toString()).out());
        assertThat(ok.get("valid").asBoolean()).isTrue();
        assertThat(ok.get("problems")).isEmpty();
        Run bad = nslab("validate", "--json", broken().toString());
        assertThat(bad.exit()).isEqualTo(1);
        JsonNode doc = new ObjectMapper().readTree(bad.out());
        assertThat(doc.get("valid").asBoolean()).isFalse();
        assertThat(doc.get("problems").get(0).get("line").asInt()).isPositive();
        assertThat(doc.get("problems").get(0).get("pointer").asText()).startsWith("/");
    }

    @Test
    void missingFileIsReportedAsAProblem() {
        Run r = nslab("validate", dir.resolve("nope.nslab.json").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("nope.nslab.json");
    }

    @Test
    void planPrintsNumberedStepsNamespacesFirst() {
        Run r = nslab("plan", ROUTER_LAB.toString());
        assertThat(r.exit()).isZero();
        var lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo(" 1. create namespace router-lab-blue1");
        // The hosts files come last, after the firewalls.
        assertThat(lines.subList(lines.size() - 4, lines.size())).allMatch(l -> l.contains(". write the hosts file of router-lab-"));
        assertThat(lines.get(lines.size() - 5)).isEqualTo((lines.size() - 4) + ". load iptables rules in router-lab-router");
        assertThat(lines).allMatch(l -> l.matches(" ?\\d+\\. .+"));
    }

    @Test
    void planOfInvalidDesignExitsOneWithProblemsOnStderr() throws IOException {
        Run r = nslab("plan", broken().toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("/veths/0/a/name");
    }

    @Test
    void planJsonListsTypedOperations() throws IOException {
        Run r = nslab("plan", "--json", ROUTER_LAB.toString());
        assertThat(r.exit()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get("lab").asText()).isEqualTo("router-lab");
        assertThat(doc.get("mode").asText()).isEqualTo("apply");
        JsonNode first = doc.get("operations").get(0);
        assertThat(first.get("step").asInt()).isEqualTo(1);
        assertThat(first.get("kind").asText()).isEqualTo("CreateNamespace");
        assertThat(first.get("operation").get("netns").asText()).isEqualTo("router-lab-blue1");
    }

    @Test
    void exportWritesAScriptThatBashAccepts() throws Exception {
        Run r = nslab("export", "--format", "sh", ROUTER_LAB.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash\n").contains("ip netns add router-lab-red1");
        Path out = dir.resolve("lab.sh");
        assertThat(nslab("export", "--format", "sh", "-o", out.toString(), ROUTER_LAB.toString()).exit()).isZero();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(r.out());
        assertThat(Files.isExecutable(out)).isTrue();
        Process p = new ProcessBuilder("bash", "-n", out.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
    }

    @Test
    void exportOfInvalidDesignWritesNothing() throws IOException {
        Path out = dir.resolve("lab.sh");
        Run r = nslab("export", "--format", "sh", "-o", out.toString(), broken().toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(out).doesNotExist();
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(nslab().exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(nslab("frobnicate").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(nslab("validate").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(nslab("export", ROUTER_LAB.toString()).exit()).isEqualTo(ExitCodes.USAGE);
        Run zip = nslab("export", "--format", "zip", ROUTER_LAB.toString());
        assertThat(zip.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(zip.err()).contains("zip");
        assertThat(nslab("plan", "--bogus", ROUTER_LAB.toString()).exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpListsTheVerbs() {
        Run r = nslab("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("validate", "plan", "export", "Exit status");
    }
}
