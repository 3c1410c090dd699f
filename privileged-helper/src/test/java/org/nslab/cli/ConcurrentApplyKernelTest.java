package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.LabLock;
import org.nslab.helper.apply.LabStore;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/** {@code nslab apply} in separate root processes (in-process, no helper) on one lab: they take turns. */
@KernelTest
class ConcurrentApplyKernelTest {
    static final Path BRIDGE = LabVerbsKernelTest.BRIDGE;

    @TempDir
    Path dir;

    /** A command line in a JVM of its own, with its output in files of {@code dir}. */
    record Cli(Process process, Path out, Path err) {
        String stdout() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        String stderr() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        int exit() throws InterruptedException {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("nslab did not finish");
            }
            return process.exitValue();
        }
    }

    Cli start(String name, List<String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        for (String e : env) pb.environment().put(e.substring(0, e.indexOf('=')), e.substring(e.indexOf('=') + 1));
        pb.environment().remove("NSLAB_HELPER_SOCKET");
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        return new Cli(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    static void waitUntil(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(50);
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static LabLock hold(String lab) throws Exception {
        return LabLock.acquire(new LabStore(), lab, "test", Duration.ofSeconds(10), m -> { });
    }

    @Test
    void twoProcessesApplyingOneLabTakeTurns() throws Exception {
        Cli first;
        Cli second;
        // While this test holds the lab, both start and wait: they are certain to be at it at the same time.
        try (LabLock held = hold("bridge")) {
            first = start("first", List.of(), "apply", BRIDGE.toString());
            second = start("second", List.of(), "apply", BRIDGE.toString());
            String holder = "waiting for lab bridge: process " + ProcessHandle.current().pid() + " (test) holds it";
            waitUntil("both wait", () -> first.stderr().contains(holder) && second.stderr().contains(holder));
            assertThat(HostSnapshot.take().namespaces()).as("nothing done while the lab is held").isEmpty();
        }
        try {
            assertThat(first.exit()).as(first.stdout() + first.stderr()).isZero();
            assertThat(second.exit()).as(second.stdout() + second.stderr()).isZero();
            // One made the lab; the other, let in after it, found everything in place.
            List<String> summaries = List.of(summary(first.stdout()), summary(second.stdout()));
            assertThat(summaries).containsExactlyInAnyOrder("lab bridge: 16 changes", "lab bridge: 0 changes");
            assertThat(first.stdout()).endsWith("2 of 2 checks of bridge passed\n");
            assertThat(second.stdout()).endsWith("2 of 2 checks of bridge passed\n");
            assertThat(Applier.onThisMachine().status("bridge", null).matches()).isTrue();
        } finally {
            Applier.onThisMachine().teardown("bridge", 0, Progress.NONE);
        }
    }

    @Test
    void applyAndTeardownStartedTogetherEndInAConsistentState() throws Exception {
        Cli apply = start("apply", List.of(), "apply", BRIDGE.toString());
        Cli again = start("again", List.of(), "apply", BRIDGE.toString());
        try {
            assertThat(apply.exit()).as(apply.stdout() + apply.stderr()).isZero();
            assertThat(again.exit()).as(again.stdout() + again.stderr()).isZero();
            assertThat(List.of(summary(apply.stdout()), summary(again.stdout())))
                    .containsExactlyInAnyOrder("lab bridge: 16 changes", "lab bridge: 0 changes");
            Cli down = start("down", List.of(), "teardown", "bridge");
            Cli reapply = start("reapply", List.of(), "apply", BRIDGE.toString());
            assertThat(down.exit()).as(down.stdout() + down.stderr()).isZero();
            assertThat(reapply.exit()).as(reapply.stdout() + reapply.stderr()).isZero();
            // Whichever went first, the lab is either fully there or fully gone, and the record says the same.
            boolean applied = new LabStore().read("bridge").isPresent();
            assertThat(Applier.onThisMachine().status("bridge", null).matches()).isEqualTo(applied);
            assertThat(HostSnapshot.take().namespaces()).isEqualTo(applied ? List.of("bridge-guest", "bridge-top") : List.of());
        } finally {
            Applier.onThisMachine().teardown("bridge", 0, Progress.NONE);
        }
    }

    @Test
    void aProcessThatWaitsTooLongGivesUpWithAClearMessage() throws Exception {
        try (LabLock held = hold("bridge")) {
            Cli late = start("late", List.of("NSLAB_LOCK_TIMEOUT=1"), "apply", BRIDGE.toString());
            assertThat(late.exit()).isEqualTo(ExitCodes.NO_PERMISSION);
            assertThat(late.stderr()).contains("lab bridge is busy: process " + ProcessHandle.current().pid()
                    + " (test) holds it; gave up after 1 s");
            Cli down = start("down", List.of("NSLAB_LOCK_TIMEOUT=1"), "teardown", "bridge");
            assertThat(down.exit()).isEqualTo(ExitCodes.NO_PERMISSION);
            assertThat(HostSnapshot.take().namespaces()).isEmpty();
        }
    }

    private static String summary(String out) {
        return out.lines().filter(l -> l.startsWith("lab bridge: ")).findFirst().orElse(out);
    }
}
