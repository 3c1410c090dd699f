package org.nslab.helper.daemon;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;

/**
 * How the helper serves: where its socket is, who may connect (the socket's group and mode), and how long it
 * waits for clients. {@code group} null leaves the socket's group as created (root's).
 */
public record HelperConfig(Path socket, String group, Set<PosixFilePermission> mode,
                           Duration helloTimeout, Duration idleTimeout, Duration messageTimeout,
                           Duration writeTimeout, Limits limits) {

    public static final Path DEFAULT_SOCKET = Path.of("/run/nslab/helper.sock");
    public static final String DEFAULT_GROUP = "nslab";
    public static final String DEFAULT_MODE = "0660";
    /** Clients connect per request and send the next one at once; an idle connection only holds a slot. */
    public static final Duration DEFAULT_IDLE = Duration.ofSeconds(30);

    public HelperConfig {
        mode = Set.copyOf(mode);
        if (mode.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IllegalArgumentException("a socket others may write to lets every user on the machine manage labs");
        }
        java.util.Objects.requireNonNull(limits, "limits");
    }

    public static HelperConfig defaults() {
        return new HelperConfig(DEFAULT_SOCKET, DEFAULT_GROUP, parseMode(DEFAULT_MODE),
                Duration.ofSeconds(10), DEFAULT_IDLE, Duration.ofSeconds(30), Duration.ofSeconds(30), Limits.defaults());
    }

    public HelperConfig withSocket(Path newSocket) {
        return new HelperConfig(newSocket, group, mode, helloTimeout, idleTimeout, messageTimeout, writeTimeout, limits);
    }

    public HelperConfig withGroup(String newGroup) {
        return new HelperConfig(socket, newGroup, mode, helloTimeout, idleTimeout, messageTimeout, writeTimeout, limits);
    }

    public HelperConfig withMode(Set<PosixFilePermission> newMode) {
        return new HelperConfig(socket, group, newMode, helloTimeout, idleTimeout, messageTimeout, writeTimeout, limits);
    }

    public HelperConfig withTimeouts(Duration hello, Duration idle, Duration message, Duration write) {
        return new HelperConfig(socket, group, mode, hello, idle, message, write, limits);
    }

    /** At most {@code max} member connections at once, each member at most a quarter of them (at least one). */
    public HelperConfig withMaxConnections(int max) {
        return withLimits(limits.withConnections(max, Math.max(1, Math.min(limits.connectionsPerUser(), max / 4))));
    }

    public HelperConfig withLimits(Limits newLimits) {
        return new HelperConfig(socket, group, mode, helloTimeout, idleTimeout, messageTimeout, writeTimeout, newLimits);
    }

    public HelperConfig withIdleTimeout(Duration idle) {
        return new HelperConfig(socket, group, mode, helloTimeout, idle, messageTimeout, writeTimeout, limits);
    }

    /** An octal mode such as {@code 0660}; only the permission bits count. */
    public static Set<PosixFilePermission> parseMode(String octal) {
        int bits = Integer.parseInt(octal, 8);
        if (bits < 0 || bits > 0777) throw new IllegalArgumentException("not a permission mode: " + octal);
        StringBuilder rwx = new StringBuilder();
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) rwx.append((bits & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
        return PosixFilePermissions.fromString(rwx.toString());
    }
}
