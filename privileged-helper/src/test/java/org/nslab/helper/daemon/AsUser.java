package org.nslab.helper.daemon;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a command as another uid with setpriv, so tests see the helper as an unprivileged user does. Numeric ids
 * need no passwd or group entry, so nothing on the machine is added or changed.
 */
final class AsUser {
    private AsUser() {}

    record Outcome(int exit, String stdout, String stderr) {}

    static Outcome run(int uid, int gid, List<Integer> groups, String stdin, String... command)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid));
        argv.add(groups.isEmpty() ? "--clear-groups"
                : "--groups=" + groups.stream().map(String::valueOf).collect(Collectors.joining(",")));
        argv.add("--");
        argv.addAll(List.of(command));
        return outcome(argv, stdin, Duration.ofSeconds(60));
    }

    /** Runs {@code argv} with {@code stdin} as its input, for at most {@code timeout}: its exit status and both outputs. */
    static Outcome outcome(List<String> argv, String stdin, Duration timeout) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the command may exit before reading its input (a refused connection)
        }
        byte[][] streams = new byte[2][];
        Thread readOut = Thread.ofVirtual().start(() -> streams[0] = readAll(p.getInputStream()));
        Thread readErr = Thread.ofVirtual().start(() -> streams[1] = readAll(p.getErrorStream()));
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + argv);
        }
        readOut.join();
        readErr.join();
        return new Outcome(p.exitValue(), new String(streams[0], StandardCharsets.UTF_8), new String(streams[1], StandardCharsets.UTF_8));
    }

    /** {@code nc -U} as the given user: sends the lines, then reads until the helper hangs up. */
    static Outcome netcat(int uid, int gid, List<Integer> groups, String socket, String... lines)
            throws IOException, InterruptedException {
        String input = lines.length == 0 ? "" : String.join("\n", lines) + "\n";
        return run(uid, gid, groups, input, "nc", "-N", "-U", socket);
    }

    /** {@code lines} sent to the helper's socket by {@code uid}, a member of the helper's group and of no other. */
    static Outcome member(int uid, String... lines) throws IOException, InterruptedException {
        return netcat(uid, uid, List.of(HelperSocketTest.GROUP), HelperSocketTest.SOCKET.toString(), lines);
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
