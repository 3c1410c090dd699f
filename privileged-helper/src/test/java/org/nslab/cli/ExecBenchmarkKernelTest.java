package org.nslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.kernel.Account;
import org.nslab.helper.kernel.NodeCommand;
import org.nslab.helper.testing.KernelTest;

/**
 * What entering a node costs, printed against {@code ip netns exec NS true} in the same run: the chain nslab
 * starts (ip netns exec, nsenter for the UTS namespace, setpriv for a user), warm; the round trip of an exec
 * through the helper on its real socket (connect, hello, request, the one-command socket and its descriptors,
 * the chain, the exit status back), warm, from this JVM; and a whole {@code nslab exec} command line (a JVM
 * start). Figures only; nothing here asserts a time.
 */
@KernelTest
class ExecBenchmarkKernelTest {
    private static final int ROUNDS = 30;

    private static long run(List<String> argv) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).as(String.join(" ", argv)).isZero();
        return System.nanoTime() - start;
    }

    private static double medianMillis(List<String> argv, int rounds) throws Exception {
        run(argv); // warm: the tools and libraries in the page cache
        long[] t = new long[rounds];
        for (int i = 0; i < rounds; i++) t[i] = run(argv);
        Arrays.sort(t);
        return t[rounds / 2] / 1e6;
    }

    /** The median round trip of {@code exec names red -- true} through a helper serving this JVM's uid. */
    private static double throughTheHelper() throws Exception {
        java.nio.file.Path socket = java.nio.file.Path.of("/run/nslab/bench-exec.sock");
        org.nslab.helper.daemon.HelperDaemon daemon = new org.nslab.helper.daemon.HelperDaemon(
                org.nslab.helper.daemon.HelperConfig.defaults().withSocket(socket).withGroup("0"), org.nslab.helper.lab.LocalLabHost.production());
        daemon.start();
        try {
            org.nslab.engine.lab.HelperLabService helper = new org.nslab.engine.lab.HelperLabService(socket);
            long[] t = new long[ROUNDS];
            for (int i = -5; i < ROUNDS; i++) {
                long start = System.nanoTime();
                int status = helper.exec("names", "red", List.of("true"), org.nslab.helper.exec.ProcessStreams.forCommand());
                if (i >= 0) t[i] = System.nanoTime() - start;
                assertThat(status).isZero();
            }
            Arrays.sort(t);
            return t[ROUNDS / 2] / 1e6;
        } finally {
            daemon.stop(java.time.Duration.ofSeconds(10));
        }
    }

    @Test
    void enteringANodeAgainstIpNetnsExec() throws Exception {
        Applier applier = Applier.onThisMachine();
        applier.apply(TopologyJson.load(java.nio.file.Path.of("src/test/resources/inside/names.nslab.json")).topology(), 0, Progress.NONE);
        try {
            double baseline = medianMillis(List.of("ip", "netns", "exec", "names-red", "true"), ROUNDS);
            double asRoot = medianMillis(NodeCommand.argv("names-red", Account.of(0), List.of("true")), ROUNDS);
            double asUser = medianMillis(NodeCommand.argv("names-red", new Account(65534, 65534, "nobody", "/", null), List.of("true")), ROUNDS);
            double throughHelper = throughTheHelper();
            List<String> cli = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "exec", "names", "red", "--", "true"));
            double wholeCli = medianMillis(cli, 5);
            System.out.printf("exec benchmark (median of %d, warm):%n", ROUNDS);
            System.out.printf("  ip netns exec NS true                      %8.1f ms  (baseline)%n", baseline);
            System.out.printf("  node chain as root (+ nsenter --uts)       %8.1f ms  x%.2f%n", asRoot, asRoot / baseline);
            System.out.printf("  node chain as a user (+ setpriv)           %8.1f ms  x%.2f%n", asUser, asUser / baseline);
            System.out.printf("  exec through the helper, round trip        %8.1f ms  x%.2f (root; a member adds setpriv, above)%n",
                    throughHelper, throughHelper / baseline);
            System.out.printf("  nslab exec as root, whole command line     %8.1f ms  x%.2f (median of 5; a JVM start)%n", wholeCli, wholeCli / baseline);
        } finally {
            applier.teardown("names", 0, Progress.NONE);
        }
    }
}
