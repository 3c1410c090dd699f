package org.nslab.helper.daemon;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The frame of tests of the daemon's own duties: the helper on its real socket, its labs kept in memory, for each test. */
abstract class InMemoryHelper {
    static final Path SOCKET = HelperSocketTest.SOCKET;
    static final int GROUP = HelperSocketTest.GROUP;

    protected final MemoryBackend backend = new MemoryBackend();
    private HelperDaemon daemon;

    @BeforeEach
    void startInMemoryHelper() throws Exception {
        daemon = new HelperDaemon(HelperConfig.defaults().withGroup(String.valueOf(GROUP)), backend);
        daemon.start();
    }

    @AfterEach
    void stopInMemoryHelper() {
        daemon.stop(Duration.ofSeconds(5));
    }
}
