package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nslab.engine.generate.TopologyGenerator;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * What one member can take of the helper: connections, design size, the size of an error. Members are other uids
 * on the real socket (setpriv and nc); the bounds are asserted as counts and sizes, never as times.
 */
@KernelTest
class HelperBoundsTest {
    static final Path SOCKET = HelperSocketTest.SOCKET;
    static final int GROUP = HelperSocketTest.GROUP;
    static final int HOARDER = 4251;
    static final int OTHER = 4252;
    static final String HELLO = "{\"type\":\"hello\",\"versions\":[1,2],\"client\":\"test\"}";

    private HelperDaemon daemon;
    private final List<MemberConnection> held = new ArrayList<>();
    private final List<Response> firstAnswers = new ArrayList<>();

    private void start(HelperConfig config, org.nslab.helper.lab.LabHost backend) throws Exception {
        daemon = new HelperDaemon(config.withGroup(String.valueOf(GROUP)), backend);
        daemon.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (MemberConnection c : held) c.close();
        if (daemon != null) daemon.stop(Duration.ofSeconds(5));
    }

    /** Two namespaces joined by a veth: nothing in the host, so any member may apply it. */
    static Topology pair(String lab) {
        return Topology.empty(lab).withNamespaces(Map.of("a", Namespace.empty(), "b", Namespace.empty()))
                .withVeths(List.of(new Veth(new VethEnd("a", null, "eth0", List.of("10.9.0.1/24"), null, null, null),
                        new VethEnd("b", null, "eth0", List.of("10.9.0.2/24"), null, null, null))));
    }

    private static String apply(long id, Topology design) {
        return "{\"type\":\"apply\",\"id\":" + id + ",\"design\":" + ProtocolJson.designTree(design) + "}";
    }

    /** Sends one request on a member's connection and returns its final answer, skipping progress events. */
    private static Response answer(MemberConnection c, String request) throws Exception {
        c.send(request);
        while (true) {
            Response r = c.next();
            if (!(r instanceof Response.Progress)) return r;
        }
    }

    /** Opens {@code n} connections as {@code uid}, says hello on each, and counts the welcomes and the busy answers. */
    private int[] hoard(int uid, int n) throws Exception {
        for (int i = 0; i < n; i++) held.add(MemberConnection.open(uid, List.of(GROUP), SOCKET).send(HELLO));
        int welcomed = 0;
        int busy = 0;
        for (MemberConnection c : held) {
            Response first = c.next();
            firstAnswers.add(first);
            if (first instanceof Response.Welcome) welcomed++;
            if (first instanceof Response.Error e && e.code().equals(ErrorCode.BUSY.wire())) busy++;
        }
        return new int[] {welcomed, busy};
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a safety net; what is asserted is who gets served
    void aMemberHoldingSeventyIdleConnectionsLocksNobodyOut() throws Exception {
        start(HelperConfig.defaults(), org.nslab.helper.lab.LocalLabHost.production());
        int[] counts = hoard(HOARDER, 70);
        assertThat(counts[0]).as("welcomed").isEqualTo(Limits.defaults().connectionsPerUser());
        assertThat(counts[1]).as("told busy").isEqualTo(70 - Limits.defaults().connectionsPerUser());

        try (MemberConnection other = MemberConnection.open(OTHER, List.of(GROUP), SOCKET).send(HELLO)) {
            assertThat(other.next()).isInstanceOf(Response.Welcome.class);
            assertThat(answer(other, apply(1, pair("served")))).isEqualTo(new Response.Applied(1, "served", stepsOf(pair("served"))));
            assertThat(HostSnapshot.take().namespaces()).contains("served-a", "served-b");
            try (HelperClient root = HelperClient.connect(SOCKET)) {
                assertThat(root.list().labs()).extracting(Response.LabSummary::owner).containsExactly(OTHER);
            }
            assertThat(answer(other, "{\"type\":\"teardown\",\"id\":2,\"lab\":\"served\"}")).isInstanceOf(Response.TornDown.class);
        }
    }

    private static int stepsOf(Topology design) {
        return org.nslab.engine.plan.Planner.apply(design).size();
    }

    @Test
    void rootIsServedWhenMembersHoldEverySlot() throws Exception {
        start(HelperConfig.defaults().withLimits(Limits.defaults().withConnections(4, 4)), new MemoryBackend());
        assertThat(hoard(HOARDER, 4)).containsExactly(4, 0);
        try (MemberConnection other = MemberConnection.open(OTHER, List.of(GROUP), SOCKET).send(HELLO)) {
            Response refused = other.next();
            assertThat(refused).isInstanceOfSatisfying(Response.Error.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BUSY.wire());
                assertThat(e.message()).isEqualTo("the helper is serving 4 connections, the most it serves at once; try again");
            });
        }
        List<HelperClient> roots = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                roots.add(HelperClient.connect(SOCKET));
                assertThat(roots.get(i).list().labs()).isEmpty();
            }
        } finally {
            for (HelperClient c : roots) c.close();
        }
    }

    @Test
    void aMemberBeyondItsShareIsToldWhy() throws Exception {
        start(HelperConfig.defaults().withLimits(Limits.defaults().withConnections(8, 2)), new MemoryBackend());
        assertThat(hoard(HOARDER, 3)).containsExactly(2, 1);
        try (MemberConnection other = MemberConnection.open(OTHER, List.of(GROUP), SOCKET).send(HELLO)) {
            assertThat(other.next()).isInstanceOf(Response.Welcome.class);
        }
        assertThat(firstAnswers).filteredOn(Response.Error.class::isInstance).singleElement()
                .isEqualTo(new Response.Error(0, ErrorCode.BUSY, "uid " + HOARDER + " already has 2 connections to the helper, "
                        + "the most one user may have; try again"));
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aDesignOfTwoHundredThousandNamespacesIsRefusedBeforeValidation() throws Exception {
        MemoryBackend backend = new MemoryBackend();
        start(HelperConfig.defaults(), backend);
        StringBuilder request = new StringBuilder("{\"type\":\"apply\",\"id\":1,\"design\":{\"format\":\"nslab/1\",\"name\":\"huge\",\"namespaces\":{");
        for (int i = 0; i < 200_000; i++) request.append(i == 0 ? "" : ",").append("\"n").append(i).append("\":{}");
        request.append("}}}\n");
        try (RawClient raw = new RawClient(SOCKET).hello()) {
            raw.send(request.toString());
            assertThat(raw.next()).isEqualTo(new Response.Error(1, ErrorCode.INVALID_DESIGN, "the design has 200000 namespaces, bridges, "
                    + "TUN devices and veth pairs; this helper takes at most 10000 in one design (nslab helper --max-design-objects); "
                    + "nothing was changed"));
            // The connection goes on: the refusal was an answer, not a protocol error.
            raw.send("{\"type\":\"list\",\"id\":2}\n");
            assertThat(raw.next()).isEqualTo(new Response.LabList(2, List.of()));
        }
        assertThat(backend.calls).containsExactly("recover");
    }

    @Test
    void aRequestLongerThanTheLimitIsCutOffWhereItCrossesIt() throws Exception {
        start(HelperConfig.defaults().withLimits(Limits.defaults().withRequestBytes(64 * 1024)), new MemoryBackend());
        try (RawClient raw = new RawClient(SOCKET).hello()) {
            raw.send("{\"type\":\"apply\",\"id\":1,\"design\":{\"description\":\"" + "x".repeat(100 * 1024) + "\"}}\n");
            Response r = raw.next();
            assertThat(r).isInstanceOfSatisfying(Response.Error.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST.wire());
                assertThat(e.message()).isEqualTo("message larger than 65536 bytes");
            });
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fiveHundredBadReferencesGetACountAndTheFirstProblems() throws Exception {
        start(HelperConfig.defaults(), new MemoryBackend());
        Topology star = TopologyGenerator.star("typos", 2_000);
        List<Veth> veths = new ArrayList<>(star.veths());
        for (int i = 1; i <= 500; i++) {
            veths.add(new Veth(new VethEnd("hh" + i, null, "x" + i, List.of(), null, null, null),
                    new VethEnd("h" + i, null, "y" + i, List.of(), null, null, null)));
        }
        try (RawClient raw = new RawClient(SOCKET).hello()) {
            raw.send(apply(7, star.withVeths(veths)) + "\n");
            Response r = raw.next();
            assertThat(r).isInstanceOfSatisfying(Response.Error.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DESIGN.wire());
                assertThat(e.message()).isEqualTo("the design is invalid (500 problems, the first 50 listed); nothing was changed");
                assertThat(e.problems()).hasSize(50);
                assertThat(e.problems()).allSatisfy(p -> assertThat(p.message()).hasSizeLessThan(300));
                assertThat(ProtocolJson.encode(e).length).as("bytes of the reply").isLessThan(32 * 1024);
            });
        }
    }

    @Test
    void aMemberMayNotHoldMoreThanItsShareOfLabs() throws Exception {
        MemoryBackend backend = new MemoryBackend();
        start(HelperConfig.defaults().withLimits(Limits.defaults().withObjects(3, 5)), backend);
        try (MemberConnection member = MemberConnection.open(OTHER, List.of(GROUP), SOCKET).send(HELLO)) {
            assertThat(member.next()).isInstanceOf(Response.Welcome.class);
            assertThat(answer(member, apply(1, pair("one")))).isInstanceOf(Response.Applied.class);
            // Re-applying a lab counts it once, not twice.
            assertThat(answer(member, apply(2, pair("one")))).isInstanceOf(Response.Applied.class);
            assertThat(answer(member, apply(3, pair("two")))).isEqualTo(new Response.Error(3, ErrorCode.FORBIDDEN, "uid " + OTHER
                    + " would have 6 namespaces, bridges, TUN devices and veth pairs in its labs (3 applied already); one user may "
                    + "have at most 5 (nslab helper --max-user-objects); tear down a lab first"));
            Topology four = pair("big").withNamespaces(Map.of("a", Namespace.empty(), "b", Namespace.empty(), "c", Namespace.empty()));
            assertThat(answer(member, apply(4, four))).isInstanceOfSatisfying(Response.Error.class,
                    e -> assertThat(e.message()).startsWith("the design has 4 namespaces"));
        }
        // Root's labs are its own business.
        try (HelperClient root = HelperClient.connect(SOCKET)) {
            root.apply(pair("rootone"), (s, t, d) -> { });
            root.apply(pair("roottwo"), (s, t, d) -> { });
        }
        assertThat(backend.calls).contains("apply rootone as 0", "apply roottwo as 0").doesNotContain("apply two as " + OTHER);
    }
}
