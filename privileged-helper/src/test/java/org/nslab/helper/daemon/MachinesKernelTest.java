package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.HelperLabService;
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
 * over the first and the third. It pings end to end, passes its checks, is traced live on every machine at once, and
 * leaves nothing on any machine.
 */
@KernelTest
class MachinesKernelTest extends ThreeMachines {
    MachinesKernelTest() {
        super("nslunder");
    }

    private Topology design() throws java.io.IOException {
        var r = overTheThreeMachines("spread.nslab.json");
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

        aLiveTraceReportsTheLegsOnEveryMachineAndLeavesNothing(lab, design);
    }

    /**
     * A live trace is sent on its source's machine (h1 on m2) while the other two trace without sending: the request goes
     * over the VXLAN link to the router (local) and over the spread bridge to h3 (m3), and the report has each machine's
     * decisions, with its machine, in the walk's order, equal to the walk's. Afterwards every lab namespace on every
     * machine has the tables, processes and sockets it had before. A watch's limit is its helper's: tracing ends at it
     * while the client has not said stop.
     */
    private void aLiveTraceReportsTheLegsOnEveryMachineAndLeavesNothing(SpreadLabService lab, Topology design) throws Exception {
        java.util.Map<String, String> before = traceResidue();
        assertThat(before).hasSize(4).allSatisfy((ns, seen) -> assertThat(seen).doesNotContain("nslab_trace"));
        TraceRequest ping = TraceRequest.of("h1", IpAddress.parse("10.0.3.3"), Protocol.ICMP, 0);
        LiveTrace trace = lab.trace("spread", ping, 3000);
        assertThat(trace.answered()).isTrue();
        assertThat(trace.machines()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("r", "local", "h1", "m2", "h3", "m3", "h4", "m3"));
        assertThat(trace.request().keySet()).containsExactly("h1", "r", "h3");
        assertThat(trace.reply().keySet()).containsExactly("h3", "r", "h1");
        assertThat(trace.request().get("h3")).containsExactly(new LiveTrace.Event("filter", "INPUT", 1, "accept"));
        assertThat(trace.reply().get("r")).containsExactly(new LiveTrace.Event("filter", "FORWARD", 1, "accept"));
        assertThat(trace.differences(new org.nslab.engine.walk.PacketWalker(design).walk(ping))).isEmpty();
        assertThat(trace.place("h3")).isEqualTo("h3 on m3");
        assertThat(traceResidue()).isEqualTo(before);

        // nslab trace --live on the first machine prints each decision with its machine, and compares every namespace.
        Path file = dir.resolve("spread.nslab.json");
        org.nslab.engine.io.TopologyJson.save(design, file);
        List<String> argv = machines.get(0).inside();
        argv.addAll(List.of("env", "NSLAB_HELPER_SOCKET=" + machines.get(0).socket, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), "org.nslab.cli.Main",
                "trace", file.toString(), "--from", "h1", "--to", "10.0.3.3", "--live", "--timeout", "3000"));
        Process cli = new ProcessBuilder(argv).start();
        cli.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(cli.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
        String out = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(cli.waitFor()).as(out + err.join()).isZero();
        assertThat(out).contains("kernel (nft monitor trace): answered", "request h1 on m2", "request r on local", "request h3 on m3",
                "reply   h3 on m3", "the kernel agrees with the walk");
        assertThat(out.indexOf("request h1 on m2")).isLessThan(out.indexOf("request r on local"));
        assertThat(out.indexOf("request r on local")).isLessThan(out.indexOf("request h3 on m3"));
        assertThat(err.join()).doesNotContain("not compared");
        assertThat(traceResidue()).isEqualTo(before);

        // A tcp one meets the listener the third machine's helper opens for it, its legs on every machine too; the
        // listener is gone once the trace is done.
        TraceRequest web = TraceRequest.of("h1", IpAddress.parse("10.0.3.3"), Protocol.TCP, 80);
        LiveTrace tcp = lab.trace("spread", web, 3000);
        assertThat(tcp.answered()).isTrue();
        assertThat(tcp.request().keySet()).containsExactly("h1", "r", "h3");
        assertThat(tcp.differences(new org.nslab.engine.walk.PacketWalker(design).walk(web))).isEmpty();
        assertThat(machines.get(2).listeningSockets("spread-h3")).isEmpty();
        assertThat(traceResidue()).isEqualTo(before);

        // The lab's own pings meanwhile, h4 to h3 on the third machine, twenty a second: its watch counts only the
        // probe's echo (an identifier the coordinator chose), so the kernel still agrees with the walk there.
        Machine3 third = machines.get(2);
        third.sh("ip netns exec spread-h4 ping -q -i 0.05 -w 4 10.0.3.3 >/dev/null 2>&1 &");
        Thread.sleep(300);
        LiveTrace busy = lab.trace("spread", ping, 3000);
        assertThat(busy.request().get("h3")).containsExactly(new LiveTrace.Event("filter", "INPUT", 1, "accept"));
        assertThat(busy.differences(new org.nslab.engine.walk.PacketWalker(design).walk(ping))).isEmpty();
        third.sh("while [ -n \"$(ip netns pids spread-h4)\" ]; do sleep 0.1; done");
        assertThat(traceResidue()).isEqualTo(before);

        String[] whileOn = new String[1];
        String[] afterLimit = new String[1];
        LiveTrace watched = new HelperLabService(third.socket).watchTrace("spread", Protocol.ICMP, 300, null, new org.nslab.engine.protocol.TraceWatch() {
            @Override
            public void tracing(List<String> namespaces) {
                assertThat(namespaces).containsExactly("h3", "h4");
                whileOn[0] = third.sh("ip netns exec spread-h3 nft list tables");
            }

            @Override
            public void awaitStop() throws InterruptedException {
                Thread.sleep(1500);
                afterLimit[0] = third.sh("ip netns exec spread-h3 nft list tables");
            }
        });
        assertThat(watched.answered()).isFalse();
        assertThat(whileOn[0]).contains("table inet nslab_trace");
        assertThat(afterLimit[0]).doesNotContain("nslab_trace");
        assertThat(traceResidue()).isEqualTo(before);
    }

    /**
     * Each lab namespace of each machine: its processes (a monitor left running would be one), its sockets (tcp, udp,
     * raw, unix, packet: netlink ones are left out, since ss lists its own, and so is the kernel's time-wait record of a
     * probe's closed connection, which no process holds) and its nftables tables, as that machine lists them.
     */
    private java.util.Map<String, String> traceResidue() throws Exception {
        java.util.Map<String, String> seen = new java.util.TreeMap<>();
        for (Machine3 m : machines) {
            for (String ns : m.files("/run/netns")) {
                seen.put(m.name + " " + ns, m.sh("echo pids; ip netns pids " + ns + "; echo sockets; ip netns exec " + ns
                        + " ss -a -n -H -t -u -w -x -0 exclude time-wait 2>&1; echo tables; ip netns exec " + ns + " nft list tables"));
            }
        }
        return seen;
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
