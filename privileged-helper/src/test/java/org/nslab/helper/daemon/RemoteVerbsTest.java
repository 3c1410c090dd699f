package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.nslab.cli.Main;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.engine.protocol.ProgressListener;
import org.nslab.helper.lab.LocalLabService;
import org.nslab.helper.testing.KernelTest;

/** How the command line picks between the helper and in-process work, and what it prints through the helper. */
@KernelTest
class RemoteVerbsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int nslab(String... args) {
        return Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void rootWithNoHelperListeningWorksInProcess() {
        assertThat(LabServices.choose()).isInstanceOf(LocalLabService.class);
        assertThat(LabServices.choose().describe()).isEqualTo("in-process as root");
    }

    @Test
    void whenAHelperListensEveryVerbGoesThroughIt() throws Exception {
        MemoryBackend backend = new MemoryBackend();
        HelperDaemon daemon = new HelperDaemon(HelperConfig.defaults().withGroup("0"), backend);
        daemon.start();
        try {
            assertThat(LabServices.choose()).isInstanceOf(HelperLabService.class);
            StringBuilder progress = new StringBuilder();
            LabServices.choose().apply(HelperOwnershipTest.lab("remote", "red"),
                    (step, total, d) -> progress.append(step).append('/').append(total).append(' '));
            assertThat(progress.toString()).isEqualTo("1/3 2/3 3/3 ");
            assertThat(nslab("status", "remote")).isZero();
            assertThat(nslab("status")).isZero();
            assertThat(nslab("teardown", "remote")).isZero();
            assertThat(nslab("teardown", "remote")).isZero();
            assertThat(out.toString().lines().filter(l -> !l.startsWith("[")).toList()).containsExactly(
                    "lab remote: kernel matches the design",
                    "LAB                OWNER    NAMESPACES  LINKS",
                    "remote             0                 1      0",
                    "lab remote: removed",
                    "lab remote: nothing to do (not applied)");
            assertThat(err.toString()).isEmpty();
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
            assertThatThrownBy(() -> LabServices.choose().apply(HelperOwnershipTest.lab("Bad Name", "red"), ProgressListener.NONE))
                    .isInstanceOfSatisfying(LabException.class, e -> {
                        assertThat(e.exitStatus()).isEqualTo(1);
                        assertThat(e.getMessage()).contains("the design is invalid");
                        assertThat(e.problems()).anySatisfy(p -> assertThat(p.pointer()).isEqualTo("/name"));
                    });
        } finally {
            daemon.stop(Duration.ofSeconds(5));
        }
    }
}
