package org.nslab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;

/**
 * Where apply, teardown, status, check and list run: through the helper whenever one is listening (so it
 * keeps the one record of every lab), in-process when the caller is root and no helper listens, and nowhere
 * otherwise — then the caller gets the helper's connection error, which says how to start it and join its group.
 */
public final class HelperRoute {
    /** Overrides the socket for every verb (tests, or a helper started with --socket). */
    public static final String SOCKET_ENV = "NSLAB_HELPER_SOCKET";

    private HelperRoute() {}

    public static Path socket() {
        String env = System.getenv(SOCKET_ENV);
        return env == null || env.isBlank() ? HelperClient.DEFAULT_SOCKET : Path.of(env);
    }

    /**
     * A connected client when the verb should go through the helper; empty when it should run in-process (root,
     * no helper listening). Throws the helper's "unavailable" error for anyone else.
     */
    public static java.util.Optional<HelperClient> connect() throws HelperException {
        Path socket = socket();
        if (isRoot() && !HelperClient.listening(socket)) return java.util.Optional.empty();
        return java.util.Optional.of(HelperClient.connect(socket));
    }

    /** True when this process runs as root (the owner of /proc/self is the effective uid). */
    public static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
