package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.KernelTest;

/**
 * The traceWatch request (version 9) on the helper's real socket, the labs kept in memory: tracing stays on until the
 * client's traceStop, a hang-up or anything else sent meanwhile ends it, the limit is the helper's, and every bad
 * request is refused with what was wrong before anything is traced. (The kernel's side: {@code MachinesKernelTest}.)
 */
@KernelTest
class TraceWatchProtocolTest extends InMemoryHelper {
    static final int ALICE = 4261;
    static final int BOB = 4262;

    /** A root connection of version {@code version} with lab "w" (namespaces blue and red) applied. */
    private RawClient withLab(int version) throws Exception {
        RawClient raw = new RawClient(SOCKET);
        raw.send("{\"type\":\"hello\",\"versions\":[" + version + "],\"client\":\"test\"}\n");
        assertThat(raw.next()).isInstanceOf(Response.Welcome.class);
        raw.send(HelperOwnershipTest.applyLine(1, HelperOwnershipTest.lab("w", "red", "blue")) + "\n");
        while (!(raw.next() instanceof Response.Applied)) {
            // progress events
        }
        return raw;
    }

    private static String watch(long id, String lab, String proto, String timeout) {
        return "{\"type\":\"traceWatch\",\"id\":" + id + ",\"lab\":\"" + lab + "\",\"proto\":\"" + proto + "\""
                + (timeout == null ? "" : ",\"timeoutMillis\":" + timeout) + "}\n";
    }

    @Test
    void aWatchTracesUntilItsStopThenAnswersAndTheConnectionGoesOn() throws Exception {
        try (RawClient raw = withLab(9)) {
            raw.send(watch(2, "w", "icmp", "500"));
            assertThat(raw.next()).isEqualTo(new Response.TraceWatching(2, "w", List.of("blue", "red")));
            assertThat(backend.calls).contains("watch w icmp within 500 ms").doesNotContain("watch w stopped");
            raw.send("{\"type\":\"traceStop\",\"id\":2}\n");
            assertThat(raw.next()).isEqualTo(new Response.TraceWatched(2, "w", Map.of(), Map.of()));
            assertThat(backend.calls).contains("watch w stopped");
            raw.send("{\"type\":\"list\",\"id\":3}\n");
            assertThat(raw.next()).isInstanceOf(Response.LabList.class);
        }
    }

    @Test
    void aWatchOfVersion10CountsOnlyItsProbeAndABadProbeIsRefused() throws Exception {
        try (RawClient raw = withLab(10)) {
            raw.send("{\"type\":\"traceWatch\",\"id\":2,\"lab\":\"w\",\"proto\":\"icmp\",\"timeoutMillis\":500,\"probe\":4242}\n");
            assertThat(raw.next()).isInstanceOf(Response.TraceWatching.class);
            raw.send("{\"type\":\"traceStop\",\"id\":2}\n");
            assertThat(raw.next()).isInstanceOf(Response.TraceWatched.class);
            raw.send("{\"type\":\"traceWatch\",\"id\":3,\"lab\":\"w\",\"proto\":\"tcp\",\"probe\":70000}\n");
            assertError(raw.next(), 3, ErrorCode.BAD_REQUEST, "/probe: expected an echo identifier or a tcp port (0 to 65535), found 70000");
        }
        assertThat(backend.calls).contains("watch w icmp within 500 ms of probe 4242").noneMatch(c -> c.contains("70000"));
    }

    @Test
    void aTracesChosenEchoIdentifierIsAnIcmpProbesFrom1To65535() throws Exception {
        String trace = "{\"type\":\"trace\",\"id\":%d,\"lab\":\"w\",\"from\":\"red\",\"to\":\"10.0.0.2\",\"proto\":\"%s\","
                + "\"port\":%d,\"sourcePort\":40000,\"timeoutMillis\":100,\"echoId\":%d}\n";
        try (RawClient raw = withLab(10)) {
            raw.send(trace.formatted(2, "tcp", 80, 7));
            assertError(raw.next(), 2, ErrorCode.BAD_REQUEST, "echoId is an icmp probe's");
            raw.send(trace.formatted(3, "icmp", 0, 0));
            assertError(raw.next(), 3, ErrorCode.BAD_REQUEST, "/echoId: expected an echo identifier (1 to 65535), found 0");
            raw.send(trace.formatted(4, "icmp", 0, 65536));
            assertError(raw.next(), 4, ErrorCode.BAD_REQUEST, "found 65536");
            // A good one reaches the lab, which has no kernel here to trace in.
            raw.send(trace.formatted(5, "icmp", 0, 65535));
            assertError(raw.next(), 5, ErrorCode.KERNEL, "no kernel in memory");
        }
    }

    @Test
    void theLimitIsTheHelpersClampedToAMinute() throws Exception {
        try (RawClient raw = withLab(9)) {
            long id = 2;
            for (String timeout : new String[] {"1000000000", null, "0"}) {
                raw.send(watch(id, "w", "tcp", timeout));
                assertThat(raw.next()).isInstanceOf(Response.TraceWatching.class);
                raw.send("{\"type\":\"traceStop\",\"id\":" + id + "}\n");
                assertThat(raw.next()).isInstanceOf(Response.TraceWatched.class);
                id++;
            }
        }
        assertThat(backend.calls).contains("watch w tcp within 60000 ms", "watch w tcp within 10000 ms", "watch w tcp within 1 ms");
    }

    @Test
    void badWatchesAreRefusedWithWhatIsWrongAndNothingIsTraced() throws Exception {
        try (RawClient raw = withLab(9)) {
            raw.send(watch(2, "w", "udp", "500"));
            assertError(raw.next(), 2, ErrorCode.BAD_REQUEST, "proto must be icmp or tcp, not \"udp\"");
            raw.send(watch(3, "w", "ping", "500"));
            assertError(raw.next(), 3, ErrorCode.BAD_REQUEST, "proto must be icmp or tcp, not \"ping\"");
            raw.send(watch(4, "../etc", "icmp", "500"));
            assertError(raw.next(), 4, ErrorCode.INVALID_NAME, "not a lab name");
            raw.send(watch(5, "nope", "icmp", "500"));
            assertError(raw.next(), 5, ErrorCode.NOT_FOUND, "no lab named nope is applied");
            // A field the request does not have is no message of the protocol: the connection ends.
            raw.send("{\"type\":\"traceWatch\",\"id\":6,\"lab\":\"w\",\"proto\":\"icmp\",\"namespace\":\"w-red\"}\n");
            assertError(raw.next(), 0, ErrorCode.BAD_REQUEST, "/namespace: unknown field \"namespace\"");
            assertThat(raw.next()).isNull();
        }
        try (RawClient raw = withLab(9)) {
            raw.send(watch(2, "w", "icmp", "\"500\""));
            assertError(raw.next(), 0, ErrorCode.BAD_REQUEST, "/timeoutMillis: expected an integer, found \"500\"");
            assertThat(raw.next()).isNull();
        }
        assertThat(backend.calls).noneMatch(c -> c.startsWith("watch"));
    }

    @Test
    void aWatchIsAMessageOfVersion9Only() throws Exception {
        try (RawClient raw = withLab(8)) {
            raw.send(watch(2, "w", "icmp", "500"));
            assertError(raw.next(), 0, ErrorCode.BAD_REQUEST, "not a message of protocol version 8 (this one needs version 9)");
            assertThat(raw.next()).isNull();
        }
        assertThat(backend.calls).noneMatch(c -> c.startsWith("watch"));
    }

    @Test
    void aStopWithNoWatchOrAnythingButItsStopDuringOneEndsTheConnection() throws Exception {
        try (RawClient raw = withLab(9)) {
            raw.send("{\"type\":\"traceStop\",\"id\":7}\n");
            assertError(raw.next(), 0, ErrorCode.BAD_REQUEST, "no traceWatch 7 is running on this connection");
            assertThat(raw.next()).isNull();
        }
        try (RawClient raw = withLab(9)) {
            raw.send(watch(2, "w", "icmp", "5000"));
            assertThat(raw.next()).isInstanceOf(Response.TraceWatching.class);
            raw.send("{\"type\":\"list\",\"id\":3}\n");
            assertError(raw.next(), 0, ErrorCode.BAD_REQUEST,
                    "while traceWatch 2 runs, the only message is {\"type\":\"traceStop\",\"id\":2}, not list 3");
            assertThat(raw.next()).isNull();
        }
        try (RawClient raw = withLab(9)) {
            raw.send(watch(2, "w", "icmp", "5000"));
            assertThat(raw.next()).isInstanceOf(Response.TraceWatching.class);
            raw.send("{\"type\":\"traceStop\",\"id\":5}\n");
            assertError(raw.next(), 0, ErrorCode.BAD_REQUEST, "not traceStop 5");
            assertThat(raw.next()).isNull();
        }
        // The helper ends each watch once it has drained the connection it is closing.
        awaitCalls("watch w stopped", 2);
    }

    @Test
    void aClientThatShutsItsSendingSideStopsTheWatchAndGetsItsAnswer() throws Exception {
        try (RawClient raw = withLab(9)) {
            raw.send(watch(2, "w", "icmp", "30000"));
            assertThat(raw.next()).isInstanceOf(Response.TraceWatching.class);
            raw.channel.shutdownOutput();
            assertThat(raw.next()).isEqualTo(new Response.TraceWatched(2, "w", Map.of(), Map.of()));
            assertThat(raw.next()).isNull();
        }
        assertThat(backend.calls).contains("watch w stopped");
    }

    @Test
    void aClientThatHangsUpEndsItsWatch() throws Exception {
        try (RawClient raw = withLab(9)) {
            raw.send(watch(2, "w", "icmp", "30000"));
            assertThat(raw.next()).isInstanceOf(Response.TraceWatching.class);
        }
        awaitCalls("watch w stopped", 1);
    }

    /** Waits (at most 5 s) until the backend has seen {@code call} {@code times} times. */
    private void awaitCalls(String call, int times) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (backend.calls.stream().filter(call::equals).count() < times) {
            assertThat(System.nanoTime()).as("the backend saw " + backend.calls + ", not " + times + " of " + call).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void onlyTheLabsOwnerMayWatchIt() throws Exception {
        HelperOwnershipTest.as(ALICE, HelperOwnershipTest.applyLine(1, HelperOwnershipTest.lab("alice", "red")));
        AsUser.Outcome bob = AsUser.netcat(BOB, BOB, List.of(GROUP), SOCKET.toString(), "{\"type\":\"hello\",\"versions\":[9]}",
                watch(1, "alice", "icmp", "500").strip());
        assertThat(bob.stdout().lines().skip(1).toList()).singleElement().asString()
                .contains("\"code\":\"forbidden\"", "belongs to another user; only its owner or root may trace in it");
        assertThat(backend.calls).noneMatch(c -> c.startsWith("watch"));
    }

    private static void assertError(Response response, long id, ErrorCode code, String text) {
        assertThat(response).isInstanceOfSatisfying(Response.Error.class, e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.code()).isEqualTo(code.wire());
            assertThat(e.message()).contains(text);
        });
    }
}
