package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.KernelTest;

/**
 * The helper holds at most {@code requestMemory} bytes of members' requests decoded at once: while one member's large
 * apply is being served, another member's large request is answered busy within the message timeout (nothing
 * changed, the connection still usable), small requests pass at once, root waits for its turn instead of being
 * refused, and once the apply is answered the large request is served. Members are real uids over the real socket;
 * the labs are kept in memory, paused inside the apply, so the overlap is certain.
 */
@KernelTest
class RequestMemoryKernelTest {
    static final Path SOCKET = HelperSocketTest.SOCKET;
    static final int GROUP = HelperSocketTest.GROUP;
    static final int HOLDER = 4261;
    static final int OTHER = 4262;
    static final String HELLO = "{\"type\":\"hello\",\"versions\":[2],\"client\":\"test\"}";
    static final int KIB = 1024;

    private final MemoryBackend backend = new MemoryBackend();
    private HelperDaemon daemon;

    @AfterEach
    void stop() {
        if (daemon != null) daemon.stop(Duration.ofSeconds(5));
    }

    /** A request line of about {@code bytes}: the request, then spaces that JSON ignores but the helper must read. */
    static String padded(String request, int bytes) {
        return request.substring(0, request.length() - 1) + " ".repeat(Math.max(0, bytes - request.length())) + "}";
    }

    static String apply(long id, Topology design, int bytes) {
        return padded("{\"type\":\"apply\",\"id\":" + id + ",\"design\":" + ProtocolJson.designTree(design) + "}", bytes);
    }

    static String doctor(long id, Topology design, int bytes) {
        return padded("{\"type\":\"doctor\",\"id\":" + id + ",\"design\":" + ProtocolJson.designTree(design) + "}", bytes);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a safety net; what is asserted is who is served when
    void aLargeRequestWaitsForRoomWhileSmallOnesPassAndRootIsNeverTurnedAway() throws Exception {
        Limits limits = Limits.defaults().withRequestBytes(256 * KIB).withRequestMemory(256 * KIB);
        HelperConfig config = HelperConfig.defaults().withGroup(String.valueOf(GROUP)).withLimits(limits)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(30));
        daemon = new HelperDaemon(config, backend);
        daemon.start();
        backend.stepMillis = 1_500;
        Topology design = HelperBoundsTest.pair("held");

        try (MemberConnection holder = MemberConnection.open(HOLDER, List.of(GROUP), SOCKET).send(HELLO);
             MemberConnection other = MemberConnection.open(OTHER, List.of(GROUP), SOCKET).send(HELLO)) {
            assertThat(holder.next()).isInstanceOf(Response.Welcome.class);
            assertThat(other.next()).isInstanceOf(Response.Welcome.class);
            holder.send(apply(1, design, 200 * KIB));
            assertThat(holder.next()).as("the apply is under way, holding its turn").isInstanceOf(Response.Progress.class);

            other.send(doctor(7, HelperBoundsTest.pair("other"), 100 * KIB));
            assertThat(other.next()).isInstanceOfSatisfying(Response.Error.class, e -> {
                assertThat(e.id()).as("answered under the request's own id").isEqualTo(7);
                assertThat(e.code()).isEqualTo(ErrorCode.BUSY.wire());
                assertThat(e.message()).contains("--max-request-memory").contains("nothing was changed");
            });
            assertThat(backend.calls).noneMatch(c -> c.startsWith("doctor"));
            // The connection is still in step, and a small request needs no turn.
            other.send("{\"type\":\"list\",\"id\":8}");
            assertThat(other.next()).isInstanceOf(Response.LabList.class);

            Response applied;
            do {
                applied = holder.next();
            } while (applied instanceof Response.Progress);
            assertThat(applied).isInstanceOf(Response.Applied.class);

            other.send(doctor(9, HelperBoundsTest.pair("other"), 100 * KIB));
            assertThat(other.next()).isInstanceOfSatisfying(Response.Diagnosis.class, d -> assertThat(d.id()).isEqualTo(9));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void rootWaitsForItsTurnInsteadOfBeingRefused() throws Exception {
        Limits limits = Limits.defaults().withRequestBytes(256 * KIB).withRequestMemory(256 * KIB);
        daemon = new HelperDaemon(HelperConfig.defaults().withGroup(String.valueOf(GROUP)).withLimits(limits)
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(30)), backend);
        daemon.start();
        backend.stepMillis = 700;
        try (MemberConnection holder = MemberConnection.open(HOLDER, List.of(GROUP), SOCKET).send(HELLO);
             RawClient root = new RawClient(SOCKET).send(HELLO + "\n")) {
            assertThat(root.next()).isInstanceOf(Response.Welcome.class);
            assertThat(holder.next()).isInstanceOf(Response.Welcome.class);
            holder.send(apply(1, HelperBoundsTest.pair("held"), 200 * KIB));
            assertThat(holder.next()).isInstanceOf(Response.Progress.class);
            root.send(doctor(3, HelperBoundsTest.pair("root"), 100 * KIB) + "\n");
            assertThat(root.next()).as("served once the member's apply gave its turn back")
                    .isInstanceOfSatisfying(Response.Diagnosis.class, d -> assertThat(d.id()).isEqualTo(3));
            // Answered only after the apply ended (without the bound it would be answered during it).
            assertThat(backend.applied("held")).isPresent();
        }
    }
}
