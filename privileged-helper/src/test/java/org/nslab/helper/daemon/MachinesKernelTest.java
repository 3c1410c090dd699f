package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.LabAddress;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.LiveTrace;
import org.nslab.engine.lab.ReachabilityMatrix;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.walk.Protocol;
import org.nslab.engine.walk.TraceRequest;
import org.nslab.engine.lab.SpreadLabService;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.testing.KernelTest;

/**
 * A lab across three machines, each a network and mount namespace of the sandbox with its own helper and an
 * underlay address on one bridge: a router on the first, a host on the second over a VXLAN link, a bridge spread
 * over the first and the third. It pings end to end, passes its checks, and leaves nothing on any machine.
 */
@KernelTest
class MachinesKernelTest extends ThreeMachines {
    MachinesKernelTest() {
        super("nslunder");
    }

    private Topology design() {
        String text = """
                {"format": "nslab/1", "name": "spread",
                 "machines": {"local": {"underlay": "10.99.0.1"},
                              "m2": {"helper": "unix:%s", "underlay": "10.99.0.2"},
                              "m3": {"helper": "unix:%s", "underlay": "10.99.0.3"}},
                 "namespaces": {"r": {"sysctls": {"net.ipv4.ip_forward": "1"}},
                                "h1": {"machine": "m2", "routes": [{"to": "default", "via": "10.0.1.1"}]},
                                "h3": {"machine": "m3", "routes": [{"to": "default", "via": "10.0.3.1"}]},
                                "h4": {"machine": "m3", "routes": [{"to": "default", "via": "10.0.3.1"}]}},
                 "bridges": {"lan": {"mtu": 1450}},
                 "veths": [
                   {"a": {"namespace": "r", "name": "eth1", "addresses": ["10.0.1.1/24"]}, "b": {"namespace": "h1", "name": "eth0", "addresses": ["10.0.1.2/24"]}},
                   {"a": {"namespace": "r", "name": "eth3", "addresses": ["10.0.3.1/24"], "mtu": 1450}, "b": {"bridge": "lan", "name": "lan-r", "mtu": 1450}},
                   {"a": {"namespace": "h3", "name": "eth0", "addresses": ["10.0.3.3/24"], "mtu": 1450}, "b": {"bridge": "lan", "name": "lan-h3", "mtu": 1450}},
                   {"a": {"namespace": "h4", "name": "eth0", "addresses": ["10.0.3.4/24"], "mtu": 1450}, "b": {"bridge": "lan", "name": "lan-h4", "mtu": 1450}}],
                 "checks": [{"from": "h1", "to": "10.0.3.3", "expect": "reach"}, {"from": "h1", "to": "10.0.3.4", "expect": "reach"},
                            {"from": "h3", "to": "10.0.1.2", "expect": "reach"}, {"from": "h4", "to": "10.0.3.1", "expect": "reach"},
                            {"from": "r", "to": "10.0.3.4", "expect": "reach"}, {"from": "h4", "to": "10.0.1.9", "expect": "blocked"}]}
                """.formatted(machines.get(1).socket, machines.get(2).socket);
        var r = TopologyJson.parse(text, "spread.nslab.json");
        assertThat(r.problems()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        return r.topology();
    }


    @Test
    void aLabOverThreeMachinesPingsEndToEndPassesItsChecksAndLeavesNothing() throws Exception {
        Topology design = design();
        SpreadLabService lab = lab(design);
        lab.apply(design, ProgressListener.NONE);

        // Each machine holds its own part: the router's, the far end of the VXLAN link, the other half of the bridge.
        assertThat(machines.get(0).files("/run/netns")).containsExactly("spread-r");
        assertThat(machines.get(1).files("/run/netns")).containsExactly("spread-h1");
        assertThat(machines.get(2).files("/run/netns")).containsExactly("spread-h3", "spread-h4");
        assertThat(machines.get(0).links()).contains("lan", "lan-r").anyMatch(l -> l.startsWith("vx"));
        assertThat(machines.get(2).links()).contains("lan", "lan-h3", "lan-h4").anyMatch(l -> l.startsWith("vx"));
        assertThat(machines.get(1).links()).containsExactlyInAnyOrder("lo", "eth0");

        List<CheckResult> results = lab.check(design, 3000);
        assertThat(results).hasSize(6).allSatisfy(c -> assertThat(c.passed()).as(c.check() + ": " + c.detail()).isTrue());
        assertThat(lab.status(design).drifts()).isEmpty();
        theMatrixAndALiveTraceSpanTheMachines(lab, design);
        // A second apply finds every part in place.
        assertThat(lab.apply(design, ProgressListener.NONE).steps()).isEmpty();

        lab.teardown(design.name(), ProgressListener.NONE);
        assertNothingLeft();
    }

    /**
     * Every namespace on every machine pings every address of the lab: the cells on a source's own machine from its
     * helper's matrix, the others from icmp checks that machine runs (the design routes everything, so all answer).
     */
    private void theMatrixAndALiveTraceSpanTheMachines(SpreadLabService lab, Topology design) throws Exception {
        ReachabilityMatrix matrix = lab.matrix(design, 3000, ProgressListener.NONE);
        // host: the first machine's, where the bridge's port lan-r is (the other machines' own namespaces are not the lab's sources).
        assertThat(matrix.sources()).containsExactlyInAnyOrder("h1", "h3", "h4", "r", "host");
        assertThat(matrix.targets()).extracting(LabAddress::address)
                .containsExactly("10.0.1.1", "10.0.1.2", "10.0.3.1", "10.0.3.3", "10.0.3.4");
        for (ReachabilityMatrix.Row row : matrix.rows()) {
            if (row.source().equals("host")) continue; // it has no address in the lab, so no route to it
            assertThat(row.cells()).as(row.source()).allSatisfy(c -> assertThat(c.reached()).as(row.source() + " -> " + c.target().address()
                    + ": " + c.detail()).isTrue());
        }
        // h1 (m2) to h3 (m3) crosses both kinds of link: a cell the second machine probed.
        assertThat(matrix.row("h1").orElseThrow().cell("10.0.3.3").orElseThrow().detail()).contains("from machine m2");
        assertThat(matrix.row("h3").orElseThrow().cell("10.0.3.4").orElseThrow().detail()).doesNotContain("from machine");

        // A live trace is sent and followed on its source's machine; the answer comes back over the VXLAN link and the bridge.
        LiveTrace trace = lab.trace("spread", TraceRequest.of("h1", IpAddress.parse("10.0.3.3"), Protocol.ICMP, 0), 3000);
        assertThat(trace.answered()).isTrue();
        assertThat(trace.request().keySet()).isSubsetOf("h1");
        // A tcp one meets the listener the third machine's helper opens for it, gone once the trace is done.
        LiveTrace tcp = lab.trace("spread", TraceRequest.of("h1", IpAddress.parse("10.0.3.3"), Protocol.TCP, 80), 3000);
        assertThat(tcp.answered()).isTrue();
        assertThat(machines.get(2).listeningSockets("spread-h3")).isEmpty();
    }

    @Test
    void aMachineWhoseHelperIsKilledDuringApplyLeavesNothingAnywhereOnceItIsBack() throws Exception {
        // The third machine's helper kills itself (the applier's test-only switch) right after the 11th step of its
        // part: its namespaces, its half of the bridge, both ports and its VXLAN port made, no address yet.
        killedDuringApply(java.util.Map.of("NSLAB_TEST_KILL_AFTER_STEP", "11", "NSLAB_TEST_KILL_LAB", "spread"));
        // Inside that 11th step: the VXLAN port made in the machine's own namespace, not yet tagged.
        killedDuringApply(java.util.Map.of("NSLAB_TEST_KILL_AFTER_STEP", "10", "NSLAB_TEST_KILL_INSIDE_STEP", "1",
                "NSLAB_TEST_KILL_LAB", "spread"));
    }

    private void killedDuringApply(java.util.Map<String, String> kill) throws Exception {
        Topology design = design();
        SpreadLabService lab = lab(design);
        Machine3 third = machines.get(2);
        third.killHelper();
        third.startHelper(kill);
        assertThatThrownBy(() -> lab.apply(design, ProgressListener.NONE)).isInstanceOf(LabException.class)
                .hasMessageContaining("machine m3").hasMessageContaining("rolled back on m2, local");
        // The others are clean at once; the killed one still holds its half-made part until its helper is back.
        for (Machine3 m : machines.subList(0, 2)) {
            assertThat(m.files("/run/netns")).as(m.name).isEmpty();
            assertThat(m.links()).as(m.name).containsExactlyInAnyOrder("lo", "eth0");
        }
        assertThat(third.files("/run/netns")).containsExactly("spread-h3", "spread-h4");
        assertThat(third.links()).contains("lan", "lan-h3", "lan-h4").anyMatch(l -> l.startsWith("vx"));
        String vx = third.links().stream().filter(l -> l.startsWith("vx")).findFirst().orElseThrow();
        boolean inside = kill.containsKey("NSLAB_TEST_KILL_INSIDE_STEP");
        assertThat(third.sh("ip -d -o link show dev " + vx))
                .as(vx + (inside ? ": made, not tagged, in the lab's birth group" : ": tagged"))
                .contains(inside ? "group " + org.nslab.helper.kernel.BirthMark.groupOf("spread") : "alias nslab:spread")
                .doesNotContain(inside ? "alias" : "group " + org.nslab.helper.kernel.BirthMark.groupOf("spread"));
        third.startHelper();
        assertNothingLeft();
    }

    @Test
    void aHelperReachedThroughNslabRelayAnswersAsOverItsSocket() throws Exception {
        Machine3 second = machines.get(1);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process relay = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.nslab.cli.Main", "relay", "--socket", second.socket.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (HelperClient c = HelperClient.over(Path.of("/relay"), relay.getInputStream(), relay.getOutputStream(), relay::destroy)) {
            assertThat(c.uid()).isZero();
            Topology design = design();
            var part = org.nslab.engine.plan.MachinePart.of(design, "m2");
            assertThat(c.apply(part, ProgressListener.NONE).lab()).isEqualTo("spread");
            assertThat(c.list().labs()).extracting(l -> l.name()).containsExactly("spread");
            assertThat(second.files("/run/netns")).containsExactly("spread-h1");
            c.teardown("spread", ProgressListener.NONE);
        }
        relay.waitFor();
        assertNothingLeft();
    }

    /** No lab namespace, no lab link, no file of the lab's on any machine, and no lab any helper knows. */
    private void assertNothingLeft() throws Exception {
        for (Machine3 m : machines) {
            assertThat(m.files("/run/netns")).as(m.name + " /run/netns; its helper said: " + m.log()).isEmpty();
            assertThat(m.files("/etc/netns")).as(m.name + " /etc/netns").isEmpty();
            assertThat(m.files("/run/nslab")).as(m.name + " /run/nslab").allSatisfy(f -> assertThat(f).doesNotContain("spread"));
            assertThat(m.links()).as(m.name + " links").containsExactlyInAnyOrder("lo", "eth0");
            try (HelperClient c = HelperClient.connect(m.socket)) {
                assertThat(c.list().labs()).as(m.name + " labs").isEmpty();
            }
        }
    }
}
