package org.nslab.gui.lab;

import java.nio.file.Path;
import org.nslab.engine.protocol.HelperClient;

/** Chooses how to reach the kernel: the helper's socket when something listens there, else guidance. */
public final class LabControls {
    private LabControls() {}

    public static LabControl detect() {
        return detect(HelperClient.DEFAULT_SOCKET);
    }

    public static LabControl detect(Path socket) {
        if (HelperClient.listening(socket)) return new HelperLabControl(socket);
        return new Unreachable("nothing listens on " + socket);
    }
}
