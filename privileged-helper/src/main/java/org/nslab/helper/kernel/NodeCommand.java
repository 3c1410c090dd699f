package org.nslab.helper.kernel;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way nslab starts a program inside a lab node, with util-linux and iproute2 tools and no shell:
 * {@code ip netns exec NETNS} joins the network namespace and gives the process a mount namespace where
 * {@code /etc/netns/NETNS/hosts} is {@code /etc/hosts} (a multithreaded JVM cannot join a mount namespace
 * itself); {@code nsenter --uts=FILE} joins the node's UTS namespace when it has one; {@code setpriv} then
 * drops to the user (uid, gid, and the user's groups from the user database) unless the user is root. Each
 * tool execs the next, so the process started is the program itself, and every argument reaches it as given.
 */
public final class NodeCommand {
    private NodeCommand() {}

    public static List<String> argv(String netns, Account as, List<String> command) {
        if (command.isEmpty()) throw new IllegalArgumentException("an empty command");
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        if (Files.exists(Uts.path(netns))) out.addAll(List.of("nsenter", "--uts=" + Uts.path(netns), "--"));
        if (!as.root()) {
            out.addAll(List.of("setpriv", "--reuid=" + as.uid(), "--regid=" + as.gid(),
                    // A uid the user database does not know has no groups to look up: it gets none.
                    as.name() == null ? "--clear-groups" : "--init-groups", "--"));
        }
        out.addAll(command);
        return out;
    }

    /**
     * The same chain for a caller known by its socket's credentials: exactly uid {@code uid}, gid {@code gid} and
     * the supplementary {@code groups} it had when it connected (not the user database's, which could hold a group
     * the caller dropped). Root stays root.
     */
    public static List<String> argv(String netns, int uid, int gid, List<Integer> groups, List<String> command) {
        if (command.isEmpty()) throw new IllegalArgumentException("an empty command");
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        if (Files.exists(Uts.path(netns))) out.addAll(List.of("nsenter", "--uts=" + Uts.path(netns), "--"));
        if (uid != 0) {
            out.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                    groups.isEmpty() ? "--clear-groups" : "--groups=" + String.join(",", groups.stream().map(String::valueOf).toList()), "--"));
        }
        out.addAll(command);
        return out;
    }

    /** A plain environment for the user, nothing of the helper's own. */
    public static void environment(Map<String, String> env, Account as) {
        env.clear();
        env.put("PATH", as.root() ? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" : "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", as.home() == null ? "/" : as.home());
        if (as.name() != null) {
            env.put("USER", as.name());
            env.put("LOGNAME", as.name());
        }
        env.put("LANG", "C.UTF-8");
    }

    /** The inode of a namespace file, which names the namespace: /proc/PID/ns/net of a process in it shows the same. */
    public static long inode(java.nio.file.Path nsFile) {
        try {
            Object ino = Files.getAttribute(nsFile, "unix:ino");
            return ((Number) ino).longValue();
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }
}
