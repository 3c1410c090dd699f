package org.nslab.gui.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.helper.apply.Applier;

/**
 * Chooses how to reach the kernel: the helper's socket when something listens there; else, when the designer
 * runs as root, the applier in-process; else guidance. {@code NSLAB_HELPER_SOCKET} names another socket.
 */
public final class LabControls {
    public static final String SOCKET_ENV = "NSLAB_HELPER_SOCKET";

    private LabControls() {}

    public static LabControl detect() {
        return detect(socket(System.getenv(SOCKET_ENV)));
    }

    public static LabControl detect(Path socket) {
        return choose(socket, HelperClient::listening, runsAsRoot(), Applier::onThisMachine);
    }

    /** The choice itself, with the facts it depends on passed in. */
    static LabControl choose(Path socket, Predicate<Path> listening, boolean root, Supplier<Applier> applier) {
        if (listening.test(socket)) return new HelperLabControl(socket);
        if (root) return new InProcessLabControl(applier.get());
        return new Unreachable("nothing listens on " + socket);
    }

    static Path socket(String env) {
        return env == null || env.isBlank() ? HelperClient.DEFAULT_SOCKET : Path.of(env);
    }

    /** The effective uid, read from /proc as the kernel reports it (no native call needed). */
    static boolean runsAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
