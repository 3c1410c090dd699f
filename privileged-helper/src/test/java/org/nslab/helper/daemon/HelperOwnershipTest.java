package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.KernelTest;

/**
 * Who may do what with a lab, and how requests on labs interleave. Other users are real uids: the requests are
 * sent by {@code nc} run under setpriv, so the helper learns the uid from the socket as in production.
 */
@KernelTest
class HelperOwnershipTest extends InMemoryHelper {
    static final int ALICE = 4251;
    static final int BOB = 4252;

    static Topology lab(String name, String... namespaces) {
        java.util.Map<String, Namespace> ns = new java.util.TreeMap<>();
        for (String n : namespaces) ns.put(n, Namespace.empty());
        return Topology.empty(name).withNamespaces(ns);
    }

    static String applyLine(long id, Topology design) {
        return "{\"type\":\"apply\",\"id\":" + id + ",\"design\":" + ProtocolJson.designTree(design) + "}";
    }

    static List<String> as(int uid, String... requests) throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add("{\"type\":\"hello\",\"versions\":[1]}");
        lines.addAll(List.of(requests));
        AsUser.Outcome out = AsUser.member(uid, lines.toArray(String[]::new));
        assertThat(out.exit()).as(out.stderr()).isZero();
        return out.stdout().lines().skip(1).toList();
    }

    @Test
    void theUserWhoAppliesALabOwnsIt() throws Exception {
        List<String> answers = as(ALICE, applyLine(1, lab("alice", "red")), "{\"type\":\"list\",\"id\":2}");
        assertThat(answers).last().isEqualTo("{\"type\":\"labs\",\"id\":2,\"labs\":[{\"name\":\"alice\",\"owner\":"
                + ALICE + ",\"namespaces\":1,\"links\":0}]}");
        assertThat(answers).contains("{\"type\":\"applied\",\"id\":1,\"lab\":\"alice\",\"steps\":3}");
        assertThat(backend.calls).contains("apply alice as " + ALICE);
    }

    @Test
    void anotherUserCanNeitherSeeNorChangeNorTearDownTheLab() throws Exception {
        as(ALICE, applyLine(1, lab("alice", "red")));
        List<String> bob = as(BOB, "{\"type\":\"list\",\"id\":1}", "{\"type\":\"status\",\"id\":2,\"lab\":null}",
                "{\"type\":\"status\",\"id\":3,\"lab\":\"alice\"}", "{\"type\":\"teardown\",\"id\":4,\"lab\":\"alice\"}",
                applyLine(5, lab("alice", "blue")));
        assertThat(bob.get(0)).isEqualTo("{\"type\":\"labs\",\"id\":1,\"labs\":[]}");
        assertThat(bob.get(1)).isEqualTo("{\"type\":\"status\",\"id\":2,\"labs\":[]}");
        assertThat(bob.get(2)).contains("\"code\":\"not-found\"");
        assertThat(bob.get(3)).contains("\"code\":\"forbidden\"").contains("belongs to another user");
        assertThat(bob.get(4)).contains("\"code\":\"forbidden\"");
        assertThat(backend.calls).doesNotContain("teardown alice").containsOnlyOnce("apply alice as " + ALICE);
    }

    @Test
    void theOwnerTearsItsLabDown() throws Exception {
        as(ALICE, applyLine(1, lab("alice", "red")));
        List<String> answers = as(ALICE, "{\"type\":\"teardown\",\"id\":2,\"lab\":\"alice\"}");
        assertThat(answers).containsExactly(
                "{\"type\":\"progress\",\"id\":2,\"step\":1,\"total\":1,\"description\":\"delete alice\"}",
                "{\"type\":\"tornDown\",\"id\":2,\"lab\":\"alice\",\"steps\":1}");
        assertThat(backend.appliedLabs()).isEmpty();
    }

    @Test
    void rootSeesAndTearsDownEveryLab() throws Exception {
        as(ALICE, applyLine(1, lab("alice", "red")));
        as(BOB, applyLine(1, lab("bob", "red")));
        try (HelperClient root = HelperClient.connect(SOCKET)) {
            assertThat(root.list().labs()).extracting(Response.LabSummary::name, Response.LabSummary::owner)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", ALICE), org.assertj.core.groups.Tuple.tuple("bob", BOB));
            assertThat(root.teardown("alice", (s, t, d) -> {}).lab()).isEqualTo("alice");
        }
        assertThat(as(BOB, "{\"type\":\"list\",\"id\":1}")).singleElement().asString().contains("\"name\":\"bob\"");
    }

    @Test
    void aLabCannotTakeTheNamespacesOfAnotherLab() throws Exception {
        as(ALICE, applyLine(1, lab("alice", "red")));
        Namespace borrowed = Namespace.empty().withKernelName("alice-red");
        Topology thief = Topology.empty("bob").withNamespaces(java.util.Map.of("x", borrowed));
        List<String> answers = as(BOB, applyLine(1, thief));
        assertThat(answers).singleElement().asString().contains("\"code\":\"kernel\"").contains("already belongs to another lab");
        assertThat(backend.calls).noneMatch(c -> c.startsWith("apply bob"));
    }

    @Test
    void anInvalidDesignIsRefusedWithItsProblems() throws Exception {
        try (HelperClient root = HelperClient.connect(SOCKET)) {
            assertThatThrownBy(() -> root.apply(lab("../../etc", "red"), (s, t, d) -> {}))
                    .isInstanceOfSatisfying(HelperException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DESIGN);
                        assertThat(e.problems()).anySatisfy(p -> assertThat(p.pointer()).isEqualTo("/name"));
                    });
        }
        assertThat(backend.calls).containsExactly("recover");
    }

    @Test
    void differentLabsApplyInParallelAndOneLabOneRequestAtATime() throws Exception {
        backend.stepMillis = 100;
        int clients = 6;
        CountDownLatch done = new CountDownLatch(clients);
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < clients; i++) {
            String name = i % 2 == 0 ? "even" : "odd";
            Thread.ofVirtual().start(() -> {
                try (HelperClient client = HelperClient.connect(SOCKET)) {
                    client.apply(lab(name, "red"), (s, t, d) -> {});
                } catch (Throwable t) {
                    failures.add(t);
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();
        assertThat(backend.maxInOneLab.get()).isEqualTo(1);
        assertThat(backend.maxInAnyLab.get()).isEqualTo(2);
    }

    @Test
    void anApplyWhoseClientLeavesRunsToItsEnd() throws Exception {
        backend.stepMillis = 200;
        backend.steps = 5;
        try (RawClient raw = new RawClient(SOCKET).hello()) {
            raw.send(applyLine(1, lab("gone", "red")) + "\n");
            assertThat(raw.next()).isInstanceOf(Response.Progress.class);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (backend.applied("gone").isEmpty() && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(backend.applied("gone")).isPresent();
        try (HelperClient root = HelperClient.connect(SOCKET)) {
            root.teardown("gone", (s, t, d) -> {});
        }
    }

    @Test
    void progressReachesTheListenerBeforeTheResult() throws Exception {
        List<String> seen = new ArrayList<>();
        try (HelperClient root = HelperClient.connect(SOCKET)) {
            Response.Applied applied = root.apply(lab("prog", "red"), (step, total, d) -> seen.add(step + "/" + total + " " + d));
            assertThat(applied.steps()).isEqualTo(3);
            assertThat(seen).containsExactly("1/3 step 1 of prog", "2/3 step 2 of prog", "3/3 step 3 of prog");
            root.teardown("prog", (s, t, d) -> {});
        }
    }
}
