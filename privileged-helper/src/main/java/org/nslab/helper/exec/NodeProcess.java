package org.nslab.helper.exec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.helper.kernel.Account;
import org.nslab.helper.kernel.NodeCommand;
import org.nslab.helper.libc.LibC;

/**
 * A command the helper runs in a node for a client, on the streams that client handed over ({@link PassedStreams}):
 * started through the one chain that enters a node ({@link NodeCommand}) with the client's own uid, gid and groups,
 * in a process group (or, on a terminal, a session) of its own. While it runs, each byte the client sends is a
 * signal for that group (those a terminal would send, and KILL, which a window's Cancel sends after TERM); the
 * client hanging up is SIGHUP, as for a terminal.
 */
public final class NodeProcess {
    private static final Set<Integer> FORWARDED = Set.of(LibC.SIGHUP, LibC.SIGINT, LibC.SIGQUIT, LibC.SIGKILL, LibC.SIGTERM);

    private NodeProcess() {}

    /** {@code command} in namespace {@code netns}; {@code account} gives the environment. Its exit status. */
    public static int run(String netns, Account account, List<String> command, PassedStreams streams) throws IOException {
        UnixConnection.Peer peer = streams.peer();
        List<String> argv = new ArrayList<>();
        // setsid makes the command a session leader and the terminal its controlling one, so Ctrl-C and the
        // window size reach it from the line discipline.
        if (streams.terminal()) argv.addAll(List.of("setsid", "--ctty", "--"));
        argv.addAll(NodeCommand.argv(netns, peer.uid(), peer.gid(), peer.groups(), command));
        Map<String, String> env = new HashMap<>();
        NodeCommand.environment(env, account);
        if (streams.term() != null) env.put("TERM", streams.term());
        int pid;
        Pty pty = streams.terminal() ? Pty.open(streams.rows(), streams.columns(), peer.uid()) : null;
        try {
            int[] stdio = pty != null ? new int[] {pty.peer(), pty.peer(), pty.peer()} : streams.stdio();
            pid = Spawn.start(argv, env, stdio, streams.cwd(), pty == null);
            if (pty != null) {
                try {
                    streams.connection().send(PassedStreams.MASTER, pty.master());
                } catch (IOException e) {
                    // The client left: with no one holding the master, closing it below hangs the terminal up, the
                    // command gets SIGHUP, and it is waited for like any other.
                }
            }
        } finally {
            // The command has its copies; the helper keeps none (a stdout held open here would never end).
            if (pty != null) pty.close();
            streams.closeDescriptors();
        }
        streams.started(pid);
        Object lock = new Object();
        boolean[] ended = {false};
        Thread signals = Thread.ofPlatform().name("nslab-exec-signals").daemon().start(() -> {
            while (true) {
                UnixConnection.Received r;
                try {
                    r = streams.connection().receive();
                } catch (IOException e) {
                    r = null;
                }
                if (r != null) java.util.Arrays.stream(r.fds()).forEach(UnixConnection::closeQuietly);
                int signal = r == null ? LibC.SIGHUP : r.value();
                synchronized (lock) {
                    // Until it is reaped the group leader's pid cannot be reused, so the group is still the command's.
                    if (ended[0]) return;
                    if (FORWARDED.contains(signal)) Spawn.signalGroup(pid, signal);
                }
                if (r == null) return;
            }
        });
        Blocking.call("nslab-exec-wait", () -> {
            Spawn.awaitEnd(pid);
            return null;
        });
        int status;
        synchronized (lock) {
            ended[0] = true;
            status = Spawn.reap(pid);
        }
        streams.connection().shutdown();
        try {
            signals.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status;
    }
}
