package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.nslab.engine.lab.HelperLabService;
import org.nslab.engine.lab.LabService;
import org.nslab.engine.lab.LabServices;
import org.nslab.helper.daemon.HelperConfig;
import org.nslab.helper.daemon.HelperDaemon;
import org.nslab.helper.lab.LocalLabHost;
import org.nslab.helper.lab.LocalLabService;

/**
 * The two ways the designer reaches the kernel in its end-to-end tests, each found by {@link LabServices#choose}
 * as the designer finds it: a real helper daemon on a socket of the test's own, or (nothing listening, the test
 * JVM being root, the helper module on the class path) in-process. Closing stops the daemon and removes its socket.
 */
final class LabControlsUnderTest implements AutoCloseable {
    private static final Path DIR = Path.of("/run/nslab-gui-test");
    private static final Path SOCKET = DIR.resolve("helper.sock");

    private final HelperDaemon daemon;
    private final LabService control;

    private LabControlsUnderTest(HelperDaemon daemon, LabService control) {
        this.daemon = daemon;
        this.control = control;
    }

    private static LabService chosen(Path socket) {
        return LabServices.choose(LabServices.Facts.ofThisProcess().withSocket(socket), notice -> {});
    }

    static LabControlsUnderTest throughHelper() throws Exception {
        Files.createDirectories(DIR);
        HelperDaemon daemon = new HelperDaemon(HelperConfig.defaults().withSocket(SOCKET).withGroup("0"), LocalLabHost.production());
        daemon.start();
        LabService control = chosen(SOCKET);
        assertThat(control).isInstanceOf(HelperLabService.class);
        return new LabControlsUnderTest(daemon, control);
    }

    static LabControlsUnderTest inProcess() {
        LabService control = chosen(DIR.resolve("nobody.sock"));
        assertThat(control).isInstanceOf(LocalLabService.class);
        return new LabControlsUnderTest(null, control);
    }

    LabService control() {
        return control;
    }

    @Override
    public void close() throws IOException {
        if (daemon == null) return;
        daemon.stop(Duration.ofSeconds(5));
        Files.deleteIfExists(SOCKET);
        Files.deleteIfExists(DIR);
    }
}
