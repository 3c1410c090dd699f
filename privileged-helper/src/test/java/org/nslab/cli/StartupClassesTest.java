package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What a start of the command line loads, seen from the JVM's own class-loading log of a real process:
 * {@code --version} needs none of picocli, Jackson, JNA or the engine, whose loading is most of a start.
 */
class StartupClassesTest {
    record Started(int exit, List<String> lines) {}

    static Started java(String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xshare:auto", "-Xlog:class+load=info:stdout",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Started(p.exitValue(), out.lines().toList());
    }

    @Test
    void versionLoadsNoLibraryAndNoEngine() throws Exception {
        Started version = java("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.lines()).contains(Main.VERSION);
        List<String> loaded = version.lines().stream().filter(l -> l.contains("[class,load]")).toList();
        assertThat(loaded).as("the log lists the classes loaded").anyMatch(l -> l.contains("org.nslab.cli.Main "));
        assertThat(loaded).noneMatch(l -> l.contains(" picocli.") || l.contains(" com.fasterxml.") || l.contains(" com.sun.jna.")
                || l.contains(" org.nslab.engine."));
    }

    @Test
    void aVerbStillGetsItsCommandLine() throws Exception {
        Started help = java("validate", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.lines()).anyMatch(l -> l.startsWith("Usage: nslab validate"));
        assertThat(help.lines()).anyMatch(l -> l.contains(" picocli.CommandLine "));
    }

    /** The lookup above relies on the naming: the verb {@code apply} is the class {@code ApplyCommand}. */
    @Test
    void everyVerbsClassIsNamedAfterIt() {
        for (Class<?> verb : Verbs.VERBS) {
            assertThat(verb.getAnnotation(picocli.CommandLine.Command.class).name()).as(verb.getName()).isEqualTo(Verbs.conventionalName(verb));
        }
    }
}
