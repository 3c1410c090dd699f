package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.CheckResult;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.ListenRequest;
import org.nslab.engine.lab.ListenerElsewhere;
import org.nslab.engine.lab.OpenListener;
import org.nslab.engine.lab.SpreadLabService;
import org.nslab.engine.model.Check;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.engine.protocol.Request;
import org.nslab.helper.testing.KernelTest;

/**
 * Tcp and udp checks whose listener is on another machine, on the three test machines: a router on the first, a host
 * on each of the others over VXLAN links. The target's helper opens the listener on the coordinator's request (listen,
 * version 9), the source's helper runs the check, and the listener is gone afterwards; a firewall rule in the target
 * blocks one port, a udp datagram without the listener's token gets no echo, and the helper closes a listener at its
 * time limit and when its client goes.
 */
@KernelTest
class ChecksAcrossMachinesKernelTest extends ThreeMachines {
    private static final String TOKEN = "00112233445566778899aabbccddeeff";

    ChecksAcrossMachinesKernelTest() {
        super("nslacross");
    }

    private Topology design() throws java.io.IOException {
        return overTheThreeMachines("across.nslab.json").topology();
    }

    @Test
    void checksToAListenerOnAnotherMachineRunAndLeaveNoListenerBehind() throws Exception {
        Topology design = design();
        SpreadLabService lab = lab(design);
        lab.apply(design, ProgressListener.NONE);
        try {
            List<CheckResult> results = lab.check(design, 1500);
            assertThat(results).hasSize(5).allSatisfy(c -> assertThat(c.passed()).as(c.check() + ": " + c.detail()).isTrue());
            assertThat(results).extracting(CheckResult::observed).containsExactly("reach", "reach", "blocked", "reach", "reach");
            assertThat(results.get(0).detail()).contains("listener on another machine");
            assertThat(results.get(1).detail()).startsWith("echo in");
            assertThat(results.get(2).detail()).startsWith("no answer within");
            noListenerAnywhere();

            aDatagramWithoutTheTokenGetsNoEcho(design);
            theHelperRefusesWhatIsNotTheLabsOwnListener();
            aListenerClosesAtItsTimeLimitAndWhenItsClientGoes();
            noListenerAnywhere();
        } finally {
            lab.teardown(design.name(), ProgressListener.NONE);
        }
        for (Machine3 m : machines) {
            assertThat(m.files("/run/netns")).as(m.name).isEmpty();
            assertThat(m.links()).as(m.name).containsExactlyInAnyOrder("lo", "eth0");
        }
    }

    /** m3 listens echoing one token; m2's check sends another: no echo, so the check observes blocked. */
    private void aDatagramWithoutTheTokenGetsNoEcho(Topology design) throws Exception {
        HelperLabService m2 = new HelperLabService(machines.get(1).socket);
        HelperLabService m3 = new HelperLabService(machines.get(2).socket);
        Check udp = new Check("h2", "10.0.3.3", "udp", 53, Check.REACH);
        Topology part = org.nslab.engine.plan.MachinePart.of(design, "m2").withChecks(List.of());
        String other = ListenRequest.newToken();
        try (OpenListener open = m3.listen("across", new ListenRequest("udp", IpAddress.parse("10.0.3.3"), 53, TOKEN, 20_000))) {
            assertThat(open.existing()).isFalse();
            assertThat(machines.get(2).listeningSockets("across-h3")).anyMatch(l -> l.contains(":0035 "));
            CheckResult stray = m2.check(part, 800, List.of(new ListenerElsewhere(udp, other))).get(0);
            assertThat(stray.observed()).as(stray.detail()).isEqualTo("blocked");
            CheckResult right = m2.check(part, 800, List.of(new ListenerElsewhere(udp, TOKEN))).get(0);
            assertThat(right.observed()).as(right.detail()).isEqualTo("reach");
            // The check's own validation, over the socket.
            assertThatThrownBy(() -> m2.check(part, 800, List.of(new ListenerElsewhere(udp, null))))
                    .hasMessage("/elsewhere/0/token: a udp check sends the token its listener echoes, 32 lowercase hex digits, found null");
        }
        assertThat(machines.get(2).listeningSockets("across-h3")).isEmpty();
    }

    private void theHelperRefusesWhatIsNotTheLabsOwnListener() throws Exception {
        Machine3 m3 = machines.get(2);
        refused(m3, new Request.Listen(0, "nope", "tcp", "10.0.3.3", 80, null, 1000L), "no lab named nope is applied");
        refused(m3, new Request.Listen(0, "across", "tcp", "10.0.2.2", 80, null, 1000L),
                "/address: 10.0.2.2 is not an address of lab across on this machine; a listener opens only on the lab's own addresses");
        refused(m3, new Request.Listen(0, "across", "tcp", "10.99.0.3", 80, null, 1000L), "/address: 10.99.0.3 is not an address of lab across");
        refused(m3, new Request.Listen(0, "across", "icmp", "10.0.3.3", 0, null, 1000L), "/proto: expected \"tcp\" or \"udp\", found \"icmp\"");
        refused(m3, new Request.Listen(0, "across", "udp", "10.0.3.3", 53, null, 1000L), "/token: a udp listener needs the token it echoes");
        refused(m3, new Request.Listen(0, "across", "tcp", "10.0.3.3", 80, null, 600_000L), "/timeoutMillis: expected 1 to 60000 ms");
        refused(m3, new Request.Listen(0, "../x", "tcp", "10.0.3.3", 80, null, 1000L), "not a lab name");
        assertThat(m3.listeningSockets("across-h3")).isEmpty();
    }

    private static void refused(Machine3 m, Request.Listen request, String message) throws Exception {
        try (HelperClient c = HelperClient.connect(m.socket)) {
            assertThatThrownBy(() -> c.listen(request)).isInstanceOf(HelperException.class).hasMessageContaining(message);
        }
    }

    private void aListenerClosesAtItsTimeLimitAndWhenItsClientGoes() throws Exception {
        Machine3 m3 = machines.get(2);
        try (HelperClient c = HelperClient.connect(m3.socket)) {
            assertThat(c.listen(new Request.Listen(0, "across", "tcp", "10.0.3.3", 7000, null, 400L)).existing()).isFalse();
            assertThat(m3.listeningSockets("across-h3")).anyMatch(l -> l.contains(":1B58 "));
            assertThat(gone(m3)).as("closed by the helper at its limit, the client still connected").isTrue();
            assertThat(c.stopListening().answered()).isZero();
        }
        HelperClient c = HelperClient.connect(m3.socket);
        c.listen(new Request.Listen(0, "across", "tcp", "10.0.3.3", 7001, null, 60_000L));
        assertThat(m3.listeningSockets("across-h3")).anyMatch(l -> l.contains(":1B59 "));
        c.close(); // gone without a word
        assertThat(gone(m3)).as("closed when its client went").isTrue();

        // A helper that stops does not wait for a listener (it only waits for its client): the connection and the listener go.
        HelperClient held = HelperClient.connect(m3.socket);
        held.listen(new Request.Listen(0, "across", "udp", "10.0.3.3", 7002, TOKEN, 60_000L));
        assertThat(m3.listeningSockets("across-h3")).anyMatch(l -> l.contains(":1B5A "));
        m3.stopHelper();
        assertThatThrownBy(held::stopListening).as("the stopping helper closed the connection").isInstanceOf(HelperException.class)
                .hasMessageContaining("closed the connection");
        held.close();
        assertThat(m3.listeningSockets("across-h3")).isEmpty();
        m3.startHelper();
    }

    /** Whether h3 has no listener within five seconds. */
    private static boolean gone(Machine3 m) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!m.listeningSockets("across-h3").isEmpty()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(50);
        }
        return true;
    }

    /** No listening tcp socket, no udp socket and no process in any lab namespace of any machine. */
    private void noListenerAnywhere() throws java.io.IOException {
        for (Machine3 m : machines) {
            for (String netns : m.files("/run/netns")) {
                assertThat(m.listeningSockets(netns)).as(m.name + " " + netns).isEmpty();
                assertThat(m.sh("ip netns pids " + netns).strip()).as(m.name + " processes in " + netns).isEmpty();
            }
        }
    }
}
