package org.nslab.helper.check;

import org.nslab.cli.CheckCommand;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabAddresses;
import org.nslab.engine.lab.ReachabilityMatrix;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.helper.lab.LocalLabHost;
import org.nslab.helper.daemon.HelperConfig;
import org.nslab.helper.daemon.HelperDaemon;
import org.nslab.helper.testing.KernelTest;
import picocli.CommandLine;

/**
 * {@code nslab check} when a helper listens: the same table as the in-process run (with the probe method), the
 * probe timeout carried to the helper, and the matrix computed by the helper.
 */
@KernelTest
class CheckThroughHelperKernelTest {
    @TempDir
    Path dir;

    private HelperDaemon daemon;
    private AppliedLab lab;
    private Path file;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void applyAndServe() throws Exception {
        Topology t = RouterLabKernelTest.routerLab();
        file = dir.resolve("router-lab.nslab.json");
        TopologyJson.save(t, file);
        lab = AppliedLab.apply(t);
        TinyLab.sh("ip netns exec router-lab-router sysctl -qw net.bridge.bridge-nf-call-iptables=0");
        daemon = new HelperDaemon(HelperConfig.defaults().withGroup("0"), LocalLabHost.production());
        daemon.start();
    }

    @AfterEach
    void stop() {
        if (daemon != null) daemon.stop(Duration.ofSeconds(5));
        if (lab != null) lab.close();
    }

    private int nslab(String... args) {
        return new CommandLine(new CheckCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @Test
    void theHelpersTableShowsHowEachProbeWasMadeAndWaitsTheGivenTimeout() {
        assertThat(HelperClient.listening(HelperConfig.DEFAULT_SOCKET)).isTrue();

        assertThat(nslab("--timeout", "300", file.toString())).as(err.toString()).isEqualTo(0);

        String table = out.toString();
        assertThat(table.lines().findFirst().orElseThrow()).matches("#\\s+FROM\\s+TO\\s+PROTO\\s+EXPECT\\s+GOT\\s+RESULT\\s+VIA\\s+DETAIL");
        assertThat(table).contains("7 of 7 checks of router-lab passed");
        // blue1 → red1 tcp/22 meets the router's DROP policy: the connect gave up after the 300 ms asked for.
        assertThat(row(table, "6")).matches("6\\s+blue1\\s+10\\.0\\.1\\.2\\s+tcp/22\\s+blocked\\s+blocked\\s+pass\\s+tcp\\s+no answer within 300 ms.*");
        assertThat(row(table, "7")).matches("7\\s+red1\\s+10\\.0\\.2\\.2\\s+udp/53\\s+blocked\\s+blocked\\s+pass\\s+udp\\s+no echo within 300 ms.*");
        assertThat(row(table, "1")).matches("1\\s+red1\\s+10\\.0\\.2\\.2\\s+icmp\\s+reach\\s+reach\\s+pass\\s+(icmp-socket|raw-socket|ping)\\s+.*");
    }

    @Test
    void theMatrixComesFromTheHelperWithItsTimeout() {
        TinyLab.sh("ip netns exec router-lab-router iptables -D FORWARD -i blue -o red -p icmp -m icmp --icmp-type 8 -j ACCEPT");

        assertThat(nslab("--matrix", "--timeout", "400", file.toString())).as(err.toString()).isEqualTo(0);

        String grid = out.toString();
        assertThat(grid.lines().findFirst().orElseThrow()).contains("400 ms");
        assertThat(grid.lines().filter(l -> l.startsWith("blue1 ")).findFirst().orElseThrow()).matches("blue1\\s+ok\\s+--\\s+--\\s+ok\\s+ok");
        assertThat(grid.lines().filter(l -> l.startsWith("red1 ")).findFirst().orElseThrow()).matches("red1\\s+ok\\s+ok\\s+ok\\s+ok\\s+ok");
    }

    @Test
    void theHelperReportsEachSourceOfTheMatrixAsItIsDone() throws Exception {
        Topology t = RouterLabKernelTest.routerLab();
        java.util.List<String> progress = new java.util.ArrayList<>();
        try (HelperClient client = HelperClient.connect(HelperConfig.DEFAULT_SOCKET)) {
            var m = ReachabilityMatrix.fromWire(t, client.matrix(t, 300, (step, total, d) -> progress.add(step + "/" + total + " " + d)));

            assertThat(progress).containsExactly("1/4 pinged every lab address from blue1", "2/4 pinged every lab address from red1",
                    "3/4 pinged every lab address from red2", "4/4 pinged every lab address from router");
            assertThat(RouterLabKernelTest.grid(m)).isEqualTo("""
                    blue1: o o o o o
                    red1: o o o o o
                    red2: o o o o o
                    router: o o o o o
                    """);
            assertThat(m.nodesFrom("blue1")).containsEntry("router", ReachabilityMatrix.NodeReach.ALL);
        }
    }

    private static String row(String table, String number) {
        return table.lines().filter(l -> l.startsWith(number + " ")).findFirst().orElseThrow();
    }
}
