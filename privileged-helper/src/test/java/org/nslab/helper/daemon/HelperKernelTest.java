package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/** The real helper on its real socket, building labs in the (sandboxed) kernel. */
@KernelTest
class HelperKernelTest {
    static final Path SOCKET = HelperSocketTest.SOCKET;

    /** {@code count} namespaces, each joined to one host bridge by a veth pair. */
    static Topology star(String lab, int count) {
        Map<String, Namespace> namespaces = new TreeMap<>();
        List<Veth> veths = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String ns = "n" + i;
            namespaces.put(ns, Namespace.empty());
            veths.add(new Veth(new VethEnd(ns, null, "eth0", List.of("10." + (i / 250) + "." + (i % 250) + ".2/16"), null, null, null),
                    new VethEnd(null, "br", lab.charAt(0) + "p" + i, List.of(), null, null, null)));
        }
        return Topology.empty(lab).withNamespaces(namespaces)
                .withBridges(Map.of("br", new Bridge(null, lab + "-br", List.of(), null, null)))
                .withVeths(veths);
    }

    @Test
    void aHelperKilledMidApplyRollsTheHalfLabBackWhenItRestarts() throws Exception {
        Topology big = star("crash", 300);
        try (HelperProcess first = HelperProcess.start(SOCKET, "0")) {
            AtomicInteger seen = new AtomicInteger();
            try (HelperClient client = HelperClient.connect(SOCKET)) {
                assertThatThrownBy(() -> client.apply(big, (step, total, d) -> {
                    // A long run's progress comes once per percent: kill at the first event past step 400.
                    if (seen.getAndAccumulate(step, Math::max) < 400 && step >= 400) {
                        try {
                            first.kill();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })).isInstanceOf(HelperException.class);
            }
            assertThat(seen.get()).isGreaterThanOrEqualTo(400);
            assertThat(HostSnapshot.take().namespaces()).as("the kill left a half-built lab").isNotEmpty();
        }
        try (HelperProcess second = HelperProcess.start(SOCKET, "0")) {
            HostSnapshot after = HostSnapshot.take();
            assertThat(after.namespaces()).as(second.log()).isEmpty();
            assertThat(after.links()).containsExactly("lo");
            try (HelperClient client = HelperClient.connect(SOCKET)) {
                assertThat(client.list().labs()).isEmpty();
            }
            assertThat(second.stop()).as("the JVM exits with 128+SIGTERM after its shutdown hooks ran").isEqualTo(143);
        }
        assertThat(SOCKET).doesNotExist();
    }

    @Test
    void twoLabsApplyAtTheSameTimeAndTearDownCleanly() throws Exception {
        HelperDaemon daemon = new HelperDaemon(HelperConfig.defaults().withGroup("0"), org.nslab.helper.lab.LocalLabHost.production());
        daemon.start();
        try {
            List<Topology> labs = List.of(star("left", 40), star("right", 40));
            CountDownLatch done = new CountDownLatch(labs.size());
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (Topology lab : labs) {
                Thread.ofPlatform().start(() -> {
                    try (HelperClient client = HelperClient.connect(SOCKET)) {
                        client.apply(lab, (s, t, d) -> {});
                    } catch (Throwable t) {
                        failures.add(t);
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(5, TimeUnit.MINUTES)).isTrue();
            assertThat(failures).isEmpty();
            assertThat(HostSnapshot.take().namespaces()).hasSize(80);
            try (HelperClient client = HelperClient.connect(SOCKET)) {
                assertThat(client.status(null).labs()).extracting(Response.LabStatus::name).containsExactly("left", "right");
                assertThat(client.status(null).labs()).allSatisfy(s -> assertThat(s.matches()).as(s.toString()).isTrue());
                client.teardown("left", (s, t, d) -> {});
                client.teardown("right", (s, t, d) -> {});
            }
        } finally {
            daemon.stop(Duration.ofSeconds(30));
        }
    }

    @Test
    void onlyTheOwnerOrRootTearsALabDown() throws Exception {
        int alice = 4261;
        int bob = 4262;
        HelperDaemon daemon = GroupHelper.started();
        try {
            String apply = HelperOwnershipTest.applyLine(1, star("owned", 2));
            AsUser.Outcome applied = AsUser.member(alice, "{\"type\":\"hello\",\"versions\":[1]}", apply);
            assertThat(applied.stdout()).as(applied.stderr()).contains("\"type\":\"applied\"");
            assertThat(HostSnapshot.take().namespaces()).containsExactly("owned-n0", "owned-n1");

            AsUser.Outcome refused = AsUser.member(bob,
                    "{\"type\":\"hello\",\"versions\":[1]}", "{\"type\":\"teardown\",\"id\":1,\"lab\":\"owned\"}");
            assertThat(refused.stdout()).contains("\"code\":\"" + ErrorCode.FORBIDDEN.wire() + "\"");
            assertThat(HostSnapshot.take().namespaces()).containsExactly("owned-n0", "owned-n1");

            AsUser.Outcome removed = AsUser.member(alice,
                    "{\"type\":\"hello\",\"versions\":[1]}", "{\"type\":\"teardown\",\"id\":1,\"lab\":\"owned\"}");
            assertThat(removed.stdout()).contains("\"type\":\"tornDown\"");
            assertThat(HostSnapshot.take().namespaces()).isEmpty();
        } finally {
            daemon.stop(Duration.ofSeconds(30));
        }
    }
}
