package org.nslab.helper.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.helper.testing.KernelTest;

/** The one-command socket: only its uid can connect, a connection of anyone else is dropped, and it never stays. */
@KernelTest
class RendezvousKernelTest {
    static final int ALICE = 4271;
    static final int BOB = 4272;

    @TempDir
    Path dir;

    /** {@code nc -U} as {@code uid} (0: as root), sending one line; the process, still running. */
    static Process connect(int uid, Path socket) throws IOException {
        List<String> argv = uid == 0 ? List.of("nc", "-U", socket.toString())
                : List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--", "nc", "-U", socket.toString());
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            p.getOutputStream().write("x\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
        } catch (IOException e) {
            // refused: nc has exited already
        }
        return p;
    }

    @Test
    void onlyTheCallerConnectsAndTheSocketIsGoneAfterwards() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Rendezvous rendezvous = Rendezvous.open(dir, ALICE);
        Path socket = rendezvous.path();
        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getAttribute(socket, "unix:uid")).isEqualTo(ALICE);

        Process bob = connect(BOB, socket);
        assertThat(bob.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(bob.exitValue()).isNotZero();
        assertThat(new String(bob.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("Permission denied");

        Process root = connect(0, socket);
        Process alice = null;
        try {
            Thread.sleep(300); // root's connection is queued first; the helper closes it and keeps waiting
            alice = connect(ALICE, socket);
            try (UnixConnection accepted = rendezvous.accept(Duration.ofSeconds(20))) {
                assertThat(accepted.peer().uid()).isEqualTo(ALICE);
                assertThat(accepted.peer().pid()).isPositive();
            }
            assertThat(socket).doesNotExist();
        } finally {
            root.destroy();
            if (alice != null) alice.destroy();
            root.waitFor();
            if (alice != null) alice.waitFor();
        }
    }

    @Test
    void aClientThatNeverComesLeavesNoSocket() throws Exception {
        Rendezvous rendezvous = Rendezvous.open(dir, ALICE);
        assertThatThrownBy(() -> rendezvous.accept(Duration.ofMillis(300))).isInstanceOf(IOException.class)
                .hasMessageContaining("did not connect");
        assertThat(rendezvous.path()).doesNotExist();
    }
}
