package org.nslab.helper.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.walk.PacketWalker;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.walk.TraceRequest;
import org.nslab.engine.walk.Walk;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.Progress;
import org.nslab.helper.testing.KernelTest;

/**
 * A lab whose own traffic never stops (a ping flood between its namespaces) while a trace runs: the session keeps no
 * more lines than its budget, says that the traced packet's lines were drowned instead of reading the flood as the
 * probe's, and once the flood ends the same session traces as it would have. Nothing is left behind.
 */
@KernelTest
class BusyLabTraceKernelTest {
    static final String DESIGN = """
            {"format": "nslab/1", "name": "busy",
             "namespaces": {"a": {},
               "b": {"firewall": {"filter": {"INPUT": {"policy": "DROP", "rules": [
                  {"proto": "icmp", "icmpType": "echo-request", "target": "ACCEPT"}]}}}}},
             "veths": [{"a": {"namespace": "a", "name": "eth0", "addresses": ["10.77.0.1/24"]},
                        "b": {"namespace": "b", "name": "eth0", "addresses": ["10.77.0.2/24"]}}]}""";

    private final Topology t = design();
    private final Walk ping = new PacketWalker(t).walk(TraceRequest.of("a", IpAddress.parse("10.77.0.2"), Protocol.ICMP, 0));
    private final Applier applier = Applier.onThisMachine();
    private Process pings;

    private static Topology design() {
        return TopologyJson.parse(DESIGN, "busy").topology();
    }

    @BeforeEach
    void apply() throws Exception {
        applier.apply(t, 0, Progress.NONE);
    }

    @AfterEach
    void stopPingsAndTearDown() throws Exception {
        if (pings != null) {
            pings.destroy();
            assertThat(pings.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        applier.teardown(t.name(), 0, Progress.NONE);
    }

    /** {@code ping} from a to b with these options, for at most 30 s, its output dropped. */
    private void pingFromA(String... options) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", t.kernelName("a"), "ping", "-q", "-w", "30"));
        cmd.addAll(List.of(options));
        cmd.add("10.77.0.2");
        pings = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    @Test
    void aFloodIsRefusedAsTheProbesLinesAndTheSessionTracesOnceItEnds() throws Exception {
        try (TraceSession session = TraceSession.open(t, 2000)) {
            pingFromA("-f");
            Thread.sleep(1500);
            assertThatThrownBy(() -> session.collect(Protocol.ICMP, false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("lines more than a trace keeps (2000 across the lab)")
                    .hasMessageContaining("other traffic there drowns the traced packet's");
            pings.destroy();
            assertThat(pings.waitFor(10, TimeUnit.SECONDS)).isTrue();
            // What the flood left in flight (the monitor reads behind the kernel) is let go by the rounds that take it.
            for (int round = 0; ; round++) {
                try {
                    session.collect(Protocol.ICMP, false);
                    break;
                } catch (IOException stillBusy) {
                    if (round == 10) throw stillBusy;
                    Thread.sleep(1000);
                }
            }
            Comparison c = Comparison.of(ping, session.probe(ping, 2000));
            assertThat(c.differences()).isEmpty();
            assertThat(c.kernel().request()).as("b's INPUT rule and policy, as the kernel met them").containsKey("b");
        }
    }

    @Test
    void theLabsOwnPingsDoNotCountAsTheProbes() throws Exception {
        try (TraceSession session = TraceSession.open(t)) {
            pingFromA("-i", "0.02", "-e", "1234");
            Thread.sleep(300);
            for (int probe = 0; probe < 3; probe++) {
                Comparison c = Comparison.of(ping, session.probe(ping, 2000));
                assertThat(c.differences()).as("probe %d among 50 pings a second", probe).isEmpty();
                assertThat(c.kernel().request().get("b")).hasSize(1);
            }
        }
    }
}
