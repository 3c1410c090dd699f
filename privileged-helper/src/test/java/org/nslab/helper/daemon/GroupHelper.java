package org.nslab.helper.daemon;

import java.io.IOException;
import org.nslab.helper.lab.LabHost;
import org.nslab.helper.lab.LocalLabHost;

/** The helper daemon as the tests start it: on its default socket, answering root and members of the test group. */
final class GroupHelper {
    private GroupHelper() {}

    /** Acting on this machine's kernel. */
    static HelperDaemon started() throws IOException {
        return started(LocalLabHost.production());
    }

    static HelperDaemon started(LabHost host) throws IOException {
        HelperDaemon daemon = new HelperDaemon(HelperConfig.defaults().withGroup(String.valueOf(HelperSocketTest.GROUP)), host);
        daemon.start();
        return daemon;
    }
}
