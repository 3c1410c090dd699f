package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.KernelTest;

/** {@code nslab exec} as root, in-process, as a separate command-line process against the real kernel. */
@KernelTest
class ExecKernelTest {
    record Run(int exit, String out) {}

    static Run nslab(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("NSLAB_HELPER_SOCKET");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }

    private static Topology load(String file) {
        return TopologyJson.load(Path.of("src/test/resources/inside", file)).topology();
    }

    @Test
    void commandsRunInTheNodeWithItsNameItsHostsAndTheirOwnStatus() throws Exception {
        Applier applier = Applier.onThisMachine();
        applier.apply(load("names.nslab.json"), 1000, Progress.NONE);
        try {
            assertThat(nslab("exec", "names", "red", "--", "hostname")).isEqualTo(new Run(0, "red-host\n"));
            assertThat(nslab("exec", "names", "blue", "--", "hostname")).isEqualTo(new Run(0, "blue\n"));
            for (String node : List.of("red", "blue", "br0")) {
                assertThat(nslab("exec", "names", "sw", "--", "getent", "hosts", node).out()).matches("10\\.0\\.1\\.\\d+ +" + node + "\n");
            }
            assertThat(nslab("exec", "names", "red", "--", "sh", "-c", "exit 7").exit()).isEqualTo(7);
            // No shell in between: a word with a space and a $ reaches the program as it was given.
            assertThat(nslab("exec", "names", "red", "--", "printf", "%s|", "a b", "$HOME", "--x").out()).isEqualTo("a b|$HOME|--x|");
            assertThat(nslab("exec", "names", "red", "--", "id", "-u").out()).isEqualTo("0\n");
            assertThat(nslab("exec", "names", "nowhere", "--", "true").exit()).isEqualTo(1);
            assertThat(nslab("exec", "nolab", "red", "--", "true").exit()).isEqualTo(1);
            assertThat(nslab("exec", "names", "host", "--", "true").exit()).isEqualTo(1);
        } finally {
            applier.teardown("names", 0, Progress.NONE);
        }
    }

    @Test
    void aClientStartedByExecReachesARunServerByName() throws Exception {
        Applier applier = Applier.onThisMachine();
        applier.apply(load("run.nslab.json"), 0, Progress.NONE);
        try {
            Run answer = null;
            for (int i = 0; i < 50 && (answer == null || answer.exit() != 0); i++) {
                if (answer != null) Thread.sleep(200);
                answer = nslab("exec", "runs", "blue", "--", "python3", "-c",
                        "import urllib.request; print(urllib.request.urlopen('http://red:8080/', timeout=2).status)");
            }
            assertThat(answer).isEqualTo(new Run(0, "200\n"));
        } finally {
            applier.teardown("runs", 0, Progress.NONE);
        }
    }
}
