package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.KernelTest;

/**
 * Case 4 of the helper's promise: {@code check} and {@code matrix} act on the applied lab's recorded design only. A
 * member's request that names its own lab but points its namespaces' kernel names at another user's lab or at a
 * namespace of the machine probes nothing there, and checks from {@code host} may probe only the lab's addresses, so
 * root never listens on or probes the host's real address for a member.
 */
@KernelTest
@ExtendWith(SimulatedHost.ForTheClass.class)
class RecordedLabKernelTest {
    static final int ALICE = 4291;
    static final int BOB = 4292;

    private HelperDaemon daemon;

    @BeforeEach
    void start() throws Exception {
        daemon = GroupHelper.started();
        assertThat(MemberRequests.as(BOB, MemberRequests.apply(1, pair("bob", "10.67.0")))).singleElement().isInstanceOf(Response.Applied.class);
        assertThat(MemberRequests.as(ALICE, MemberRequests.apply(1, pair("alice", "10.68.0")))).singleElement().isInstanceOf(Response.Applied.class);
    }

    @AfterEach
    void stop() throws Exception {
        MemberRequests.as(BOB, "{\"type\":\"teardown\",\"id\":1,\"lab\":\"bob\"}");
        MemberRequests.as(ALICE, "{\"type\":\"teardown\",\"id\":1,\"lab\":\"alice\"}");
        daemon.stop(Duration.ofSeconds(30));
    }

    /** One namespace {@code red} with a veth whose ends are {@code net.1} and {@code net.2}, both in it. */
    static Topology pair(String lab, String net) {
        return design("""
                {"format": "nslab/1", "name": "%s", "namespaces": {"red": {}},
                 "veths": [{"a": {"namespace": "red", "name": "a0", "addresses": ["%s.1/24"]},
                            "b": {"namespace": "red", "name": "b0", "addresses": ["%s.2/24"]}}]}
                """.formatted(lab, net, net));
    }

    static Topology design(String json) {
        var r = TopologyJson.parse(json, "request");
        assertThat(r.problems()).isEmpty();
        return r.topology();
    }

    /**
     * Alice's lab by name, its namespace {@code red} pointed at kernel name {@code kernelName} and holding the addresses
     * {@code net.1} and {@code net.2} there, plus a namespace {@code x} the recorded lab does not have.
     */
    static Topology aimedAt(String kernelName, String net, String checks) {
        return design("""
                {"format": "nslab/1", "name": "alice", "namespaces": {"red": {"kernelName": "%s"}, "x": {"kernelName": "%s-x"}},
                 "veths": [{"a": {"namespace": "red", "name": "a0", "addresses": ["%s.1/24"]},
                            "b": {"namespace": "red", "name": "b0", "addresses": ["%s.2/24"]}}],
                 "checks": %s}
                """.formatted(kernelName, kernelName, net, net, checks));
    }

    @Test
    void checksNamingAnotherUsersNamespacesRunOnlyInTheCallersRecordedLab() throws Exception {
        // With the request's kernel names these would run inside bob-red: reach bob's address and listen there as root.
        Topology request = aimedAt("bob-red", "10.67.0", """
                [{"from": "red", "to": "10.67.0.2", "expect": "reach"},
                 {"from": "red", "to": "10.67.0.2", "proto": "tcp", "port": 7000, "expect": "reach"},
                 {"from": "red", "to": "10.68.0.2", "expect": "reach"}]""");
        Response answer = MemberRequests.as(ALICE, MemberRequests.check(2, request)).get(0);
        assertThat(answer).isInstanceOfSatisfying(Response.Checked.class, c -> {
            assertThat(c.results()).hasSize(3);
            // Probed from alice-red, which has no route to bob's subnet: nothing reached, no listener opened for it.
            assertThat(c.results().get(0).passed()).as(c.results().get(0).detail()).isFalse();
            assertThat(c.results().get(1).passed()).isFalse();
            assertThat(c.results().get(1).detail()).contains("no listener (address outside the lab)");
            assertThat(c.results().get(2).passed()).as("alice's own address, from alice's own namespace").isTrue();
        });
    }

    @Test
    void checksFromANamespaceTheRecordedLabDoesNotHaveAreNotProbed() throws Exception {
        Topology request = aimedAt(SimulatedHost.UPLINK, "192.168.50", """
                [{"from": "x", "to": "192.168.50.1", "expect": "reach"}]""");
        Response answer = MemberRequests.as(ALICE, MemberRequests.check(2, request)).get(0);
        assertThat(answer).isInstanceOfSatisfying(Response.Checked.class, c -> assertThat(c.results()).singleElement().satisfies(r -> {
            assertThat(r.observed()).isNotEqualTo("reach");
            assertThat(r.detail()).contains("no namespace x in the design");
        }));
    }

    @Test
    void aCheckOnlyDesignCannotMakeRootListenOrProbeOnTheHostsRealAddress() throws Exception {
        Topology request = design("""
                {"format": "nslab/1", "name": "alice",
                 "bridges": {"br": {"addresses": ["192.168.50.2/24"]}},
                 "checks": [{"from": "host", "to": "192.168.50.2", "proto": "udp", "port": 53, "expect": "reach"},
                            {"from": "host", "to": "192.168.50.2", "proto": "tcp", "port": 25, "expect": "reach"},
                            {"from": "host", "to": "192.168.50.1", "expect": "reach"}]}""");
        String before = SimulatedHost.state();
        Response answer = MemberRequests.as(ALICE, MemberRequests.check(2, request)).get(0);
        assertThat(answer).isInstanceOfSatisfying(Response.Error.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN.wire());
            assertThat(e.problems()).extracting(p -> p.pointer()).containsExactly("/checks/0/to", "/checks/1/to", "/checks/2/to");
            assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).startsWith("policy rule probe-host-target:"));
        });
        SimulatedHost.assertSame(before, "after the refused check");
    }

    @Test
    void theMatrixIsTheRecordedLabsWhateverTheRequestNames() throws Exception {
        Topology request = aimedAt("bob-red", "10.67.0", "[]");
        Response answer = MemberRequests.as(ALICE, MemberRequests.matrix(2, request)).get(0);
        assertThat(answer).isInstanceOfSatisfying(Response.Matrix.class, m -> {
            assertThat(m.sources()).containsExactly("red");
            assertThat(m.targets()).extracting(Response.MatrixTarget::address).containsExactly("10.68.0.1", "10.68.0.2");
            assertThat(m.rows()).singleElement().satisfies(row -> assertThat(row.cells()).allSatisfy(c -> assertThat(c.reached()).isTrue()));
        });
    }

    @Test
    void rootMayStillProbeTheHostsAddressesFromHost() throws Exception {
        Topology request = design("""
                {"format": "nslab/1", "name": "alice", "checks": [{"from": "host", "to": "192.168.50.1", "expect": "reach"}]}""");
        try (var root = org.nslab.engine.protocol.HelperClient.connect(HelperSocketTest.SOCKET)) {
            assertThat(root.check(request).results()).singleElement().satisfies(r -> assertThat(r.passed()).as(r.detail()).isTrue());
        }
    }
}
