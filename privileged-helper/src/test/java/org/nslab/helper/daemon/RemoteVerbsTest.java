package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.nslab.cli.RemoteVerbs;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.testing.KernelTest;

/** How the command line picks between the helper and in-process work, and what it prints through the helper. */
@KernelTest
class RemoteVerbsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void rootWithNoHelperListeningWorksInProcess() {
        assertThat(RemoteVerbs.apply(HelperOwnershipTest.lab("local", "red"), ProgressListener.NONE,
                new PrintWriter(out, true), new PrintWriter(err, true))).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void whenAHelperListensEveryVerbGoesThroughIt() throws Exception {
        MemoryBackend backend = new MemoryBackend();
        HelperDaemon daemon = new HelperDaemon(HelperConfig.defaults().withGroup("0"), backend);
        daemon.start();
        try {
            PrintWriter o = new PrintWriter(out, true);
            PrintWriter e = new PrintWriter(err, true);
            StringBuilder progress = new StringBuilder();
            assertThat(RemoteVerbs.apply(HelperOwnershipTest.lab("remote", "red"),
                    (step, total, d) -> progress.append(step).append('/').append(total).append(' '), o, e)).isEqualTo(OptionalInt.of(0));
            assertThat(progress.toString()).isEqualTo("1/3 2/3 3/3 ");
            assertThat(RemoteVerbs.status(null, false, o, e)).isEqualTo(OptionalInt.of(0));
            assertThat(RemoteVerbs.teardown("remote", ProgressListener.NONE, o, e)).isEqualTo(OptionalInt.of(0));
            assertThat(RemoteVerbs.teardown("remote", ProgressListener.NONE, o, e)).isEqualTo(OptionalInt.of(2));
            assertThat(out.toString().lines().toList()).containsExactly(
                    "lab remote: 3 changes",
                    "lab remote (owner uid 0): matches its design",
                    "lab remote: torn down (1 steps)");
            assertThat(err.toString()).contains("no lab named remote is applied");
            assertThat(backend.calls).containsExactly("recover", "apply remote as 0", "teardown remote");
        } finally {
            daemon.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void checkMatrixAndDoctorCarryTheirTimeoutAndCallerToTheHelper() throws Exception {
        MemoryBackend backend = new MemoryBackend();
        HelperDaemon daemon = new HelperDaemon(HelperConfig.defaults().withGroup("0"), backend);
        daemon.start();
        try (org.nslab.engine.protocol.HelperClient c = org.nslab.engine.protocol.HelperClient.connect(HelperConfig.DEFAULT_SOCKET)) {
            var design = HelperOwnershipTest.lab("remote", "red");
            c.apply(design, ProgressListener.NONE);
            assertThat(c.check(design, 250).results()).isEmpty();
            assertThat(c.check(design).results()).isEmpty();
            assertThat(c.matrix(design, 300, ProgressListener.NONE).lab()).isEqualTo("remote");
            assertThat(c.doctor(design).lab()).isEqualTo("remote");
            assertThat(c.doctor(null).lab()).isNull();
            // A timeout beyond a minute would hold the lab's lock too long: it is cut to a minute.
            c.check(design, 3_600_000);
            assertThat(backend.calls).containsExactly("recover", "apply remote as 0", "check remote within 250 ms",
                    "check remote within 1000 ms", "matrix remote within 300 ms", "doctor remote for 0", "doctor host for 0",
                    "check remote within 60000 ms");
        } finally {
            daemon.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void anInvalidDesignSentToTheHelperPrintsEveryProblemAndExitsOne() throws Exception {
        HelperDaemon daemon = new HelperDaemon(HelperConfig.defaults().withGroup("0"), new MemoryBackend());
        daemon.start();
        try {
            OptionalInt status = RemoteVerbs.apply(HelperOwnershipTest.lab("Bad Name", "red"), ProgressListener.NONE,
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(status).isEqualTo(OptionalInt.of(1));
            assertThat(err.toString()).contains("the design is invalid").contains("/name");
        } finally {
            daemon.stop(Duration.ofSeconds(5));
        }
    }
}
