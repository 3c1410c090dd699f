package org.nslab.helper.daemon;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The frame of the tests that talk to the helper as its group's members would: a {@link GroupHelper} started before
 * each test and stopped after it (after the test's own clean-up, which may still need it).
 */
abstract class WithGroupHelper {
    protected HelperDaemon daemon;

    @BeforeEach
    void startHelper() throws Exception {
        daemon = GroupHelper.started();
    }

    @AfterEach
    void stopHelper() {
        daemon.stop(Duration.ofSeconds(30));
    }
}
