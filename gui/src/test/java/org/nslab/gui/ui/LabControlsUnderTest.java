package org.nslab.gui.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.nslab.gui.lab.HelperLabControl;
import org.nslab.gui.lab.InProcessLabControl;
import org.nslab.gui.lab.LabControl;
import org.nslab.gui.lab.LabControls;
import org.nslab.helper.daemon.ApplierBackend;
import org.nslab.helper.daemon.HelperConfig;
import org.nslab.helper.daemon.HelperDaemon;

/**
 * The two ways the designer reaches the kernel in its end-to-end tests, each found by {@link LabControls#detect}
 * as the designer finds it: a real helper daemon on a socket of the test's own, or (nothing listening, the test
 * JVM being root) in-process. Closing stops the daemon and removes its socket.
 */
final class LabControlsUnderTest implements AutoCloseable {
    private static final Path DIR = Path.of("/run/nslab-gui-test");
    private static final Path SOCKET = DIR.resolve("helper.sock");

    private final HelperDaemon daemon;
    private final LabControl control;

    private LabControlsUnderTest(HelperDaemon daemon, LabControl control) {
        this.daemon = daemon;
        this.control = control;
    }

    static LabControlsUnderTest throughHelper() throws Exception {
        Files.createDirectories(DIR);
        HelperDaemon daemon = new HelperDaemon(HelperConfig.defaults().withSocket(SOCKET).withGroup("0"), ApplierBackend.production());
        daemon.start();
        LabControl control = LabControls.detect(SOCKET);
        assertThat(control).isInstanceOf(HelperLabControl.class);
        return new LabControlsUnderTest(daemon, control);
    }

    static LabControlsUnderTest inProcess() {
        LabControl control = LabControls.detect(DIR.resolve("nobody.sock"));
        assertThat(control).isInstanceOf(InProcessLabControl.class);
        return new LabControlsUnderTest(null, control);
    }

    LabControl control() {
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
