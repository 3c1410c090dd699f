package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.apply.LabStore;
import org.nslab.helper.apply.UntrustedStateException;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * The helper against its own state folder gone bad: each file of a lab truncated, bit-flipped or replaced while
 * the helper is down. It starts every time, serves the other labs, shows the damaged lab for what it is, and
 * root's teardown of that lab leaves nothing behind. A folder others may write stops it from starting at all.
 */
@KernelTest
class HelperStateTrustTest {
    static final Path SOCKET = HelperSocketTest.SOCKET;
    static final Path LABS = LabStore.DEFAULT_ROOT;
    static final int GROUP = HelperSocketTest.GROUP;
    static final int MEMBER = 4261;
    static final String HELLO = HelperBoundsTest.HELLO;

    private HelperDaemon daemon;

    private void start() throws Exception {
        daemon = GroupHelper.started();
    }

    private void stopHelper() {
        if (daemon != null) daemon.stop(Duration.ofSeconds(5));
        daemon = null;
    }

    @AfterEach
    void stop() throws Exception {
        stopHelper();
        Path rejected = LABS.resolve(".rejected");
        if (Files.isDirectory(rejected)) {
            try (Stream<Path> s = Files.walk(rejected)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
            try {
                // Only what the helper made: the sandbox's /run/nslab stays, as the tests after this one mount over it.
                Files.deleteIfExists(LABS);
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // a lab is still there: the residue check reports it
            }
        }
    }

    /** The member applies {@code lab} through the socket, as a member would. */
    private static void memberApplies(String lab) throws Exception {
        try (MemberConnection member = MemberConnection.open(MEMBER, List.of(GROUP), SOCKET).send(HELLO)) {
            assertThat(member.next()).isInstanceOf(Response.Welcome.class);
            member.send("{\"type\":\"apply\",\"id\":1,\"design\":" + org.nslab.engine.protocol.ProtocolJson.designTree(HelperBoundsTest.pair(lab)) + "}");
            Response r;
            do {
                r = member.next();
            } while (r instanceof Response.Progress);
            assertThat(r).isInstanceOf(Response.Applied.class);
        }
    }

    private static void damage(Path file, String how) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        byte[] damaged = switch (how) {
            case "truncated" -> java.util.Arrays.copyOf(bytes, bytes.length / 2);
            case "bit-flipped" -> {
                byte[] b = bytes.clone();
                b[b.length / 2] ^= 0x04;
                yield b;
            }
            // Another lab's file of the same kind, or bytes that are not even text.
            case "replaced" -> file.getFileName().toString().equals("journal.jsonl")
                    ? new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n', (byte) 0xFF, '\n'}
                    : Files.readAllBytes(LABS.resolve("good").resolve(file.getFileName()));
            default -> throw new IllegalArgumentException(how);
        };
        Files.write(file, damaged);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    /**
     * A run that crashed: the journal lists every object of lab {@code bad} and no state was committed, exactly what
     * the helper finds after a kill -9 in a first apply.
     */
    private static void crashedRunOf(String lab) throws Exception {
        Path dir = LABS.resolve(lab);
        String state = Files.readString(dir.resolve("state.json"));
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(state);
        StringBuilder journal = new StringBuilder("{\"run\":\"crashed\",\"ownerUid\":" + MEMBER + "}\n");
        for (var op : tree.get("undo")) journal.append("{\"undo\":").append(op).append("}\n");
        Path file = dir.resolve("journal.jsonl");
        Files.writeString(file, journal.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.delete(dir.resolve("state.json"));
        Files.delete(dir.resolve("design.nslab.json"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"state.json,truncated", "state.json,bit-flipped", "state.json,replaced",
            "design.nslab.json,truncated", "design.nslab.json,bit-flipped", "design.nslab.json,replaced",
            "journal.jsonl,truncated", "journal.jsonl,bit-flipped", "journal.jsonl,replaced"})
    void aDamagedLabIsIsolatedAndTornDownWithoutResidue(String file, String how) throws Exception {
        start();
        try (HelperClient root = HelperClient.connect(SOCKET)) {
            root.apply(HelperBoundsTest.pair("good"), (s, t, d) -> { });
        }
        memberApplies("bad");
        stopHelper();
        if (file.equals("journal.jsonl")) crashedRunOf("bad");
        damage(LABS.resolve("bad").resolve(file), how);

        start(); // whatever the files hold
        try (HelperClient root = HelperClient.connect(SOCKET)) {
            List<Response.LabSummary> labs = root.list().labs();
            assertThat(labs).filteredOn(l -> l.name().equals("good")).singleElement()
                    .satisfies(l -> assertThat(l.unreadable()).isNull());
            switch (file) {
                case "state.json" -> {
                    assertThat(labs).filteredOn(l -> l.name().equals("bad")).singleElement().satisfies(l -> {
                        assertThat(l.owner()).isEqualTo(-1);
                        assertThat(l.unreadable()).startsWith("state unreadable: the state of lab bad is unreadable");
                    });
                    Response.LabStatus status = root.status("bad").labs().get(0);
                    assertThat(status.missing()).singleElement().asString().contains("state unreadable");
                    // Its owner cannot be known now: only root sees it.
                    try (MemberConnection member = MemberConnection.open(MEMBER, List.of(GROUP), SOCKET).send(HELLO)) {
                        member.next();
                        member.send("{\"type\":\"list\",\"id\":1}");
                        assertThat(member.next()).isEqualTo(new Response.LabList(1, List.of()));
                    }
                }
                case "design.nslab.json" -> assertThat(labs).filteredOn(l -> l.name().equals("bad")).singleElement()
                        .satisfies(l -> assertThat(l.owner()).isEqualTo(MEMBER));
                default -> {
                    // Recovery undid the readable lines, found the rest by the lab's tags, and kept the journal.
                    assertThat(labs).extracting(Response.LabSummary::name).containsExactly("good");
                    try (Stream<Path> kept = Files.list(LABS.resolve(".rejected"))) {
                        assertThat(kept.map(p -> p.getFileName().toString()).toList()).singleElement().asString()
                                .startsWith("bad-journal.jsonl-");
                    }
                }
            }
            // The other labs are served as before: status, a new lab, a teardown.
            assertThat(root.status("good").labs().get(0).missing()).isEmpty();
            memberApplies("more");
            root.teardown("more", (s, t, d) -> { });
            if (!file.equals("journal.jsonl")) root.teardown("bad", (s, t, d) -> { });
            assertThat(HostSnapshot.take().namespaces()).containsExactlyInAnyOrder("good-a", "good-b");
            root.teardown("good", (s, t, d) -> { });
        }
        assertThat(HostSnapshot.take().namespaces()).isEmpty();
        assertThat(HostSnapshot.take().links()).containsExactly("lo");
    }

    @Test
    void aStateFolderOthersMayWriteStopsTheHelperAndAPlantedJournalIsNeverReplayed() throws Exception {
        // A member's journal in a folder anyone could write (a plain tmpfs mount): it would delete "victim" as root.
        HostSnapshot.run("ip", "netns", "add", "victim");
        try {
            Path dir = LABS.resolve("planted");
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(LABS.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
            Path journal = dir.resolve("journal.jsonl");
            Files.writeString(journal, "{\"run\":\"x\",\"ownerUid\":0}\n{\"undo\":{\"op\":\"DeleteNamespace\",\"netns\":\"victim\"}}\n");
            Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("rw-------"));
            Files.setAttribute(journal, "unix:uid", MEMBER);

            HelperDaemon refused = new HelperDaemon(HelperConfig.defaults().withGroup(String.valueOf(GROUP)), org.nslab.helper.lab.LocalLabHost.production());
            assertThatThrownBy(refused::start).isInstanceOf(UntrustedStateException.class)
                    .hasMessageContaining("/run/nslab may be written by every user (mode 0777)")
                    .hasMessageContaining("sudo chown root:root /run/nslab && sudo chmod go-w /run/nslab");
            assertThat(SOCKET).doesNotExist();
            assertThat(HostSnapshot.take().namespaces()).contains("victim");

            // Folder fixed, file still the member's: the helper starts, and the journal is set aside, not replayed.
            Files.setPosixFilePermissions(LABS.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            start();
            assertThat(HostSnapshot.take().namespaces()).contains("victim");
            assertThat(journal).doesNotExist();
            try (Stream<Path> kept = Files.list(LABS.resolve(".rejected"))) {
                assertThat(kept.toList()).hasSize(1);
            }
            Files.delete(dir);
        } finally {
            Files.setPosixFilePermissions(LABS.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
            HostSnapshot.run("ip", "netns", "delete", "victim");
        }
    }

    @Test
    void aLabFolderOfAnotherOwnerStopsTheHelper() throws Exception {
        Path dir = LABS.resolve("foreign");
        Files.createDirectories(dir);
        Files.setAttribute(dir, "unix:uid", MEMBER);
        try {
            HelperDaemon refused = new HelperDaemon(HelperConfig.defaults().withGroup(String.valueOf(GROUP)), org.nslab.helper.lab.LocalLabHost.production());
            assertThatThrownBy(refused::start).isInstanceOf(UntrustedStateException.class)
                    .hasMessageContaining("/run/nslab/labs/foreign belongs to uid " + MEMBER + ", not to root");
        } finally {
            Files.delete(dir);
            Files.deleteIfExists(LABS);
            Files.deleteIfExists(LABS.getParent());
        }
    }
}
