package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.helper.daemon.HelperConfig;
import org.nslab.helper.daemon.HelperDaemon;
import org.nslab.helper.lab.LocalLabHost;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * The everyday apply through a running helper takes the quick path: a real command line process applies the router
 * example through a real helper, prints what the full command prints (the same progress lines and summary, compared
 * with the full command in the same run), and loads neither picocli nor the object mapper. A design the helper finds
 * invalid is reported at its file's lines and columns, exactly as the full command reports it, and nothing changes.
 */
@KernelTest
class QuickApplyKernelTest {
    static final Path EXAMPLE = Path.of("..", "assets", "examples", "router-lab.nslab.json");
    private HelperDaemon daemon;
    @TempDir
    Path dir;

    @BeforeEach
    void helper() throws Exception {
        daemon = new HelperDaemon(HelperConfig.defaults().withGroup("0"), LocalLabHost.production());
        daemon.start();
    }

    @AfterEach
    void stop() {
        daemon.stop(Duration.ofSeconds(30));
    }

    record Run(int exit, String out, List<String> loaded) {}

    /** The command line as its own process, with the JVM's class-loading log. */
    static Run commandLine(String... args) throws Exception {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xshare:auto", "-Xlog:class+load=info:file=/dev/stderr",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("NSLAB_HELPER_SOCKET", HelperConfig.DEFAULT_SOCKET.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        List<String> lines = err.get().lines().toList();
        String errText = lines.stream().filter(l -> !l.contains("[class,load]")).map(l -> l + "\n").collect(java.util.stream.Collectors.joining());
        return new Run(p.exitValue(), out + errText, lines.stream().filter(l -> l.contains("[class,load]")).toList());
    }

    /** The full command, in this process: picocli's verb, the design read and validated here. */
    static String fullCommand(String... args) {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text, true);
        int exit = Verbs.forArguments(w, w, args).execute(args);
        return exit + "\n" + text;
    }

    @Test
    void theRouterLabIsAppliedWithTheFullCommandsOutputAndWithoutPicocliOrTheMapper() throws Exception {
        String full = fullCommand("apply", "--no-checks", EXAMPLE.toString());
        String afterFull = HostSnapshot.take().toString();
        teardown("router-lab");
        assertThat(full).startsWith("0\n").contains("lab router-lab: 39 changes");
        try {
            Run quick = commandLine("apply", "--no-checks", EXAMPLE.toString());
            assertThat(steps(quick.exit() + "\n" + quick.out())).isEqualTo(steps(full));
            assertThat(HostSnapshot.take().toString()).as("the same lab as the full command built").isEqualTo(afterFull);
            assertThat(quick.loaded()).anyMatch(l -> l.contains(" org.nslab.cli.QuickApply "));
            assertThat(quick.loaded()).noneMatch(l -> l.contains(" picocli.") || l.contains(" com.fasterxml.jackson.databind."));
        } finally {
            teardown("router-lab");
        }
    }

    /**
     * The output with each progress line's number left out and the lines sorted: the helper runs independent steps
     * in parallel, so two applies report them in different orders.
     */
    static List<String> steps(String output) {
        return output.lines().map(l -> l.replaceFirst("^\\[\\d+/(\\d+)\\]", "[$1]")).sorted().toList();
    }

    static void teardown(String lab) {
        assertThat(Main.run(new PrintWriter(StringWriter.nullWriter()), new PrintWriter(StringWriter.nullWriter()), "teardown", lab)).isZero();
    }

    @Test
    void anInvalidDesignIsReportedAtItsLinesAsTheFullCommandReportsItAndNothingChanges() throws Exception {
        Path bad = dir.resolve("bad.nslab.json");
        Files.writeString(bad, Files.readString(EXAMPLE).replaceFirst("\"10\\.0\\.1\\.1/24\"", "\"10.0.1.1/33\""));
        String before = HostSnapshot.take().toString();
        Run quick = commandLine("apply", bad.toString());
        assertThat(quick.exit() + "\n" + quick.out()).isEqualTo(fullCommand("apply", bad.toString()));
        assertThat(quick.exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(quick.out()).contains(bad + ":").contains("/33");
        assertThat(HostSnapshot.take().toString()).isEqualTo(before);
    }

    @Test
    void aDesignWithChecksToRunTakesTheFullCommand() throws Exception {
        Path checked = dir.resolve("checked.nslab.json");
        Files.writeString(checked, """
                {"format": "nslab/1", "name": "qchk", "namespaces": {"a": {}},
                 "checks": [{"from": "a", "to": "127.0.0.1", "proto": "icmp", "expect": "reach"}]}
                """);
        Run run = commandLine("apply", checked.toString());
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("lab qchk: ");
        assertThat(run.loaded()).as("the full command ran, which runs the checks").anyMatch(l -> l.contains(" org.nslab.cli.ApplyCommand "))
                .anyMatch(l -> l.contains(" org.nslab.helper.check.Tables "));
        teardown("qchk");
    }
}
