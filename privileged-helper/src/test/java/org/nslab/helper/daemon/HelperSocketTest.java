package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.HelperUnavailableException;
import org.nslab.engine.protocol.ProtocolJson;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.KernelTest;

/**
 * The helper's socket as clients meet it: who may connect, and how it answers bytes that are not the protocol.
 * Each hostile input gets an error and a closed connection, and the helper goes on serving the next client.
 * (The backend here keeps labs in memory; the kernel side is exercised in {@link HelperKernelTest}.)
 */
@KernelTest
class HelperSocketTest {
    static final Path SOCKET = Path.of("/run/nslab/helper.sock");
    static final int GROUP = 4243;
    static final int MEMBER = 4242;
    static final int OUTSIDER = 4244;

    private final MemoryBackend backend = new MemoryBackend();
    private HelperDaemon daemon;

    private void start(HelperConfig config) throws Exception {
        daemon = new HelperDaemon(config, backend);
        daemon.start();
    }

    private void start() throws Exception {
        start(HelperConfig.defaults().withGroup(String.valueOf(GROUP)));
    }

    @AfterEach
    void stop() {
        if (daemon != null) daemon.stop(Duration.ofSeconds(5));
    }

    @Test
    void socketHasTheConfiguredGroupAndMode() throws Exception {
        start();
        assertThat(Files.getPosixFilePermissions(SOCKET)).isEqualTo(PosixFilePermissions.fromString("rw-rw----"));
        assertThat(Files.getAttribute(SOCKET, "unix:gid")).isEqualTo(GROUP);
        assertThat(Files.getAttribute(SOCKET, "unix:uid")).isEqualTo(0);
        assertThat(backend.calls).containsExactly("recover");
    }

    @Test
    void aStateFolderLockedByAnEarlierRootRunIsOpenedForTheSocket() throws Exception {
        Path dir = SOCKET.getParent();
        var before = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        try {
            start();
            assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
            AsUser.Outcome out = AsUser.member(MEMBER, "{\"type\":\"hello\",\"versions\":[1]}");
            assertThat(out.stdout()).as(out.stderr()).contains("\"uid\":" + MEMBER);
        } finally {
            Files.setPosixFilePermissions(dir, before);
        }
    }

    @Test
    void stoppingRemovesTheSocket() throws Exception {
        start();
        daemon.stop(Duration.ofSeconds(1));
        assertThat(SOCKET).doesNotExist();
        assertThatThrownBy(() -> HelperClient.connect(SOCKET))
                .isInstanceOfSatisfying(HelperUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(HelperUnavailableException.Reason.MISSING))
                .hasMessageContaining("systemctl enable --now nslab-helper")
                .hasMessageContaining("usermod -aG nslab");
    }

    @Test
    void aSocketLeftByAKilledHelperIsReplaced() throws Exception {
        try (ServerSocketChannel stale = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            stale.bind(UnixDomainSocketAddress.of(SOCKET));
        }
        assertThat(SOCKET).exists();
        start();
        try (HelperClient client = HelperClient.connect(SOCKET)) {
            assertThat(client.list().labs()).isEmpty();
        }
    }

    @Test
    void aSecondHelperOnTheSameSocketIsRefused() throws Exception {
        start();
        HelperDaemon second = new HelperDaemon(HelperConfig.defaults().withGroup(String.valueOf(GROUP)), new MemoryBackend());
        assertThatThrownBy(second::start).hasMessageContaining("already listening");
        try (HelperClient client = HelperClient.connect(SOCKET)) {
            assertThat(client.uid()).isZero();
        }
    }

    @Test
    void rootIsSeenAsUidZero() throws Exception {
        start();
        try (HelperClient client = HelperClient.connect(SOCKET)) {
            assertThat(client.uid()).isZero();
            assertThat(client.protocolVersion()).isEqualTo(ProtocolJson.VERSION);
            assertThat(client.list().labs()).isEmpty();
            assertThat(client.status(null).labs()).isEmpty();
        }
    }

    @Test
    void aMemberOfTheGroupConnectsAndIsSeenAsItsUid() throws Exception {
        start();
        AsUser.Outcome out = AsUser.member(MEMBER, "{\"type\":\"hello\",\"versions\":[1]}", "{\"type\":\"list\",\"id\":7}");
        assertThat(out.exit()).as(out.stderr()).isZero();
        assertThat(out.stdout().lines().toList()).containsExactly(
                "{\"type\":\"welcome\",\"version\":1,\"server\":\"nslab-helper\",\"uid\":" + MEMBER + "}",
                "{\"type\":\"labs\",\"id\":7,\"labs\":[]}");
    }

    @Test
    void someoneOutsideTheGroupCannotConnect() throws Exception {
        start();
        AsUser.Outcome out = AsUser.netcat(OUTSIDER, OUTSIDER, List.of(), SOCKET.toString(), "{\"type\":\"hello\",\"versions\":[1]}");
        assertThat(out.exit()).isNotZero();
        assertThat(out.stderr()).contains("Permission denied");
        assertThat(out.stdout()).isEmpty();
    }

    @Test
    void binaryGarbageGetsAnErrorAndTheHelperKeepsServing() throws Exception {
        start();
        byte[] garbage = new byte[4096];
        new Random(42).nextBytes(garbage);
        garbage[garbage.length - 1] = '\n';
        for (int i = 0; i < garbage.length - 1; i++) if (garbage[i] == '\n') garbage[i] = 0;
        assertRejected(garbage, "malformed message");
        assertStillServing();
    }

    @Test
    void invalidUtf8GetsAnError() throws Exception {
        start();
        assertRejected(new byte[] {'{', '"', 't', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}', '\n'}, "malformed message");
        assertStillServing();
    }

    @Test
    void deeplyNestedJsonGetsAnError() throws Exception {
        start();
        String nested = "{\"type\":\"hello\",\"versions\":[1],\"client\":" + "[".repeat(100_000) + "\n";
        assertRejected(nested.getBytes(StandardCharsets.US_ASCII), "nesting depth");
        assertStillServing();
    }

    @Test
    void aHundredMegabyteLineIsCutOffAtTheLimit() throws Exception {
        start();
        try (RawClient raw = new RawClient(SOCKET)) {
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] block = new byte[1 << 20];
                Arrays.fill(block, (byte) 'x');
                try {
                    for (int i = 0; i < 100; i++) raw.send(block);
                } catch (IOException e) {
                    // the helper hangs up long before the 100th block
                }
            });
            Response answer = raw.next();
            assertThat(answer).isInstanceOfSatisfying(Response.Error.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST.wire());
                assertThat(e.message()).contains("larger than 8 MiB");
            });
            assertThat(raw.next()).isNull();
            writer.join(Duration.ofSeconds(30));
            assertThat(writer.isAlive()).isFalse();
        }
        assertStillServing();
    }

    @Test
    void unknownRequestTypesGetAnError() throws Exception {
        start();
        try (RawClient raw = new RawClient(SOCKET).hello()) {
            raw.send("{\"type\":\"spawn\",\"id\":1,\"argv\":[\"/bin/sh\"]}\n");
            assertError(raw.next(), ErrorCode.BAD_REQUEST, "unknown message type \"spawn\"");
            assertThat(raw.next()).isNull();
        }
        try (RawClient raw = new RawClient(SOCKET).hello()) {
            raw.send("{\"type\":\"teardown\",\"id\":1,\"lab\":\"x\",\"path\":\"/etc\"}\n");
            assertError(raw.next(), ErrorCode.BAD_REQUEST, "/path: unknown field \"path\"");
            assertThat(raw.next()).isNull();
        }
        assertStillServing();
    }

    @Test
    void aRequestBeforeHelloGetsAnError() throws Exception {
        start();
        try (RawClient raw = new RawClient(SOCKET)) {
            raw.send("{\"type\":\"list\",\"id\":1}\n");
            assertError(raw.next(), ErrorCode.BAD_REQUEST, "first message must be hello");
            assertThat(raw.next()).isNull();
        }
    }

    @Test
    void aClientWithNoCommonVersionIsTurnedAway() throws Exception {
        start();
        try (RawClient raw = new RawClient(SOCKET)) {
            raw.send("{\"type\":\"hello\",\"versions\":[11,12]}\n");
            assertError(raw.next(), ErrorCode.UNSUPPORTED_VERSION, "speaks protocol versions [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]");
            assertThat(raw.next()).isNull();
        }
    }

    @Test
    void theHighestCommonVersionIsChosen() throws Exception {
        start();
        try (RawClient raw = new RawClient(SOCKET)) {
            raw.send("{\"type\":\"hello\",\"versions\":[1,2,3,4,5,6,7,8,9,10,11]}\n");
            assertThat(raw.next()).isEqualTo(new Response.Welcome(10, "nslab-helper", 0));
        }
        try (HelperClient client = HelperClient.connect(SOCKET)) {
            assertThat(client.protocolVersion()).isEqualTo(10);
        }
        // exec is a version 3 request: on a version 2 connection it is not a message of the protocol.
        try (RawClient raw = new RawClient(SOCKET)) {
            raw.send("{\"type\":\"hello\",\"versions\":[1,2]}\n");
            assertThat(raw.next()).isEqualTo(new Response.Welcome(2, "nslab-helper", 0));
            raw.send("{\"type\":\"exec\",\"id\":1,\"lab\":\"x\",\"node\":\"a\",\"command\":[\"id\"],\"shell\":false,"
                    + "\"terminal\":false,\"rows\":0,\"columns\":0}\n");
            assertError(raw.next(), ErrorCode.BAD_REQUEST, "needs version 3");
        }
        // importKernel is a version 4 request.
        try (RawClient raw = new RawClient(SOCKET)) {
            raw.send("{\"type\":\"hello\",\"versions\":[1,2,3]}\n");
            assertThat(raw.next()).isEqualTo(new Response.Welcome(3, "nslab-helper", 0));
            raw.send("{\"type\":\"importKernel\",\"id\":1}\n");
            assertError(raw.next(), ErrorCode.BAD_REQUEST, "needs version 4");
        }
        // trace is a version 6 request.
        try (RawClient raw = new RawClient(SOCKET)) {
            raw.send("{\"type\":\"hello\",\"versions\":[1,2,3,4,5]}\n");
            assertThat(raw.next()).isEqualTo(new Response.Welcome(5, "nslab-helper", 0));
            raw.send("{\"type\":\"trace\",\"id\":1,\"lab\":\"x\",\"from\":\"a\",\"to\":\"10.0.0.1\",\"proto\":\"icmp\","
                    + "\"port\":0,\"sourcePort\":40000,\"timeoutMillis\":100}\n");
            assertError(raw.next(), ErrorCode.BAD_REQUEST, "needs version 6");
        }
    }

    /** A version 1 client never sees version 2 messages, and may not send them. */
    @Test
    void aVersionOneClientGetsVersionOneMessagesOnly() throws Exception {
        start();
        try (RawClient raw = new RawClient(SOCKET).hello()) {
            raw.send("{\"type\":\"matrix\",\"id\":1,\"design\":{\"format\":\"nslab/1\",\"name\":\"x\"}}\n");
            assertError(raw.next(), ErrorCode.BAD_REQUEST, "needs version 2");
            assertThat(raw.next()).isNull();
        }
        try (RawClient raw = new RawClient(SOCKET).hello()) {
            raw.send("{\"type\":\"check\",\"id\":1,\"design\":{\"format\":\"nslab/1\",\"name\":\"x\"},\"timeoutMillis\":5}\n");
            assertError(raw.next(), ErrorCode.BAD_REQUEST, "needs version 2");
        }
        assertStillServing();
    }

    @Test
    void pathLikeLabNamesAreRefusedAndTheConnectionGoesOn() throws Exception {
        start();
        try (RawClient raw = new RawClient(SOCKET).hello()) {
            long id = 1;
            for (String name : List.of("../../etc", "/etc/passwd", "a/b", "..", "lab\\u0000x", "UPPER", "x".repeat(17), "")) {
                raw.send("{\"type\":\"teardown\",\"id\":" + id + ",\"lab\":\"" + name + "\"}\n");
                Response answer = raw.next();
                assertError(answer, ErrorCode.INVALID_NAME, "not a lab name");
                assertThat(answer.id()).isEqualTo(id++);
                raw.send("{\"type\":\"status\",\"id\":" + id + ",\"lab\":\"" + name + "\"}\n");
                assertError(raw.next(), ErrorCode.INVALID_NAME, "not a lab name");
                id++;
            }
            raw.send("{\"type\":\"list\",\"id\":99}\n");
            assertThat(raw.next()).isEqualTo(new Response.LabList(99, List.of()));
        }
        assertThat(backend.calls).containsExactly("recover");
    }

    @Test
    void aSilentClientIsCutOff() throws Exception {
        start(HelperConfig.defaults().withGroup(String.valueOf(GROUP))
                .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofSeconds(5)));
        try (RawClient silent = new RawClient(SOCKET)) {
            assertThat(silent.next()).isNull();
        }
        try (RawClient idle = new RawClient(SOCKET).hello()) {
            assertThat(idle.next()).isNull();
        }
        try (RawClient slow = new RawClient(SOCKET)) {
            slow.send("{\"type\":\"hel");
            assertThat(slow.next()).isNull();
        }
        try (HelperClient client = HelperClient.connect(SOCKET)) {
            assertThat(client.list().labs()).isEmpty();
        }
    }

    @Test
    void connectionsBeyondTheLimitAreToldTheHelperIsBusy() throws Exception {
        start(HelperConfig.defaults().withGroup(String.valueOf(GROUP)).withLimits(Limits.defaults().withConnections(2, 2)));
        String hello = "{\"type\":\"hello\",\"versions\":[1]}";
        List<MemberConnection> open = new ArrayList<>();
        try {
            open.add(MemberConnection.open(MEMBER, List.of(GROUP), SOCKET).send(hello));
            open.add(MemberConnection.open(MEMBER, List.of(GROUP), SOCKET).send(hello));
            for (MemberConnection c : open) assertThat(c.next()).isInstanceOf(Response.Welcome.class);
            try (MemberConnection third = MemberConnection.open(MEMBER, List.of(GROUP), SOCKET).send(hello)) {
                assertError(third.next(), ErrorCode.BUSY, "try again");
            }
        } finally {
            for (MemberConnection c : open) c.close();
        }
        // The slots come back once the clients leave.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try (MemberConnection again = MemberConnection.open(MEMBER, List.of(GROUP), SOCKET).send(hello)) {
                if (again.next() instanceof Response.Welcome) break;
                if (System.nanoTime() > deadline) throw new AssertionError("the slots did not come back");
                Thread.sleep(20);
            }
        }
    }

    private static void assertRejected(byte[] bytes, String why) throws Exception {
        try (RawClient raw = new RawClient(SOCKET)) {
            raw.send(bytes);
            assertError(raw.next(), ErrorCode.BAD_REQUEST, why);
            assertThat(raw.next()).isNull();
        }
    }

    private static void assertError(Response response, ErrorCode code, String text) {
        assertThat(response).isInstanceOfSatisfying(Response.Error.class, e -> {
            assertThat(e.code()).isEqualTo(code.wire());
            assertThat(e.message()).contains(text);
        });
    }

    private static void assertStillServing() throws Exception {
        try (HelperClient client = HelperClient.connect(SOCKET)) {
            assertThat(client.list().labs()).isEmpty();
        }
    }
}
