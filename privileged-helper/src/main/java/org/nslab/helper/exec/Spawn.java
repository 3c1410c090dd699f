package org.nslab.helper.exec;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.nslab.helper.libc.LibC;

/**
 * Starts a program with chosen descriptors as its stdin, stdout and stderr (ProcessBuilder can only give it files
 * by name, pipes or its own streams), and waits for it. posix_spawn is safe in a multithreaded JVM; the child
 * starts with every signal at its default and none blocked, whatever the JVM's thread had.
 */
final class Spawn {
    private static final LibC C = LibC.INSTANCE;

    private Spawn() {}

    /**
     * {@code argv[0]} looked up on the helper's PATH, with {@code stdio} (three descriptors) as 0, 1 and 2, in the
     * directory {@code cwd} (a descriptor; -1: the helper's), in a process group of its own when {@code ownGroup}.
     * Its pid.
     */
    static int start(List<String> argv, Map<String, String> env, int[] stdio, int cwd, boolean ownGroup) throws IOException {
        Memory actions = new Memory(LibC.SPAWN_STRUCT_BYTES);
        Memory attributes = new Memory(LibC.SPAWN_STRUCT_BYTES);
        Memory none = new Memory(LibC.SIGSET_BYTES);
        Memory all = new Memory(LibC.SIGSET_BYTES);
        C.posix_spawn_file_actions_init(actions);
        C.posix_spawnattr_init(attributes);
        try {
            for (int i = 0; i < 3; i++) check("dup2", C.posix_spawn_file_actions_adddup2(actions, stdio[i], i));
            if (cwd >= 0) check("fchdir", C.posix_spawn_file_actions_addfchdir_np(actions, cwd));
            C.sigemptyset(none);
            C.sigfillset(all);
            check("sigmask", C.posix_spawnattr_setsigmask(attributes, none));
            check("sigdefault", C.posix_spawnattr_setsigdefault(attributes, all));
            short flags = (short) (LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF);
            if (ownGroup) {
                flags |= LibC.POSIX_SPAWN_SETPGROUP;
                check("pgroup", C.posix_spawnattr_setpgroup(attributes, 0));
            }
            check("flags", C.posix_spawnattr_setflags(attributes, flags));
            // NULL-terminated, as C wants them: one slot more than there are strings.
            String[] args = argv.toArray(new String[argv.size() + 1]);
            String[] envp = new String[env.size() + 1];
            int i = 0;
            for (Map.Entry<String, String> e : env.entrySet()) envp[i++] = e.getKey() + "=" + e.getValue();
            int[] pid = new int[1];
            int error = C.posix_spawnp(pid, argv.getFirst(), actions, attributes, args, envp);
            if (error != 0) throw new IOException("cannot start " + argv.getFirst() + ": " + C.strerror(error));
            return pid[0];
        } finally {
            C.posix_spawn_file_actions_destroy(actions);
            C.posix_spawnattr_destroy(attributes);
        }
    }

    private static void check(String what, int error) throws IOException {
        if (error != 0) throw new IOException("posix_spawn " + what + ": " + C.strerror(error));
    }

    /** Blocks until {@code pid} has ended, leaving it a zombie: its pid (and group) cannot be reused until {@link #reap}. */
    static void awaitEnd(int pid) throws IOException {
        Memory info = new Memory(128);
        UnixConnection.call("waitid", () -> C.waitid(LibC.P_PID, pid, info, LibC.WEXITED | LibC.WNOWAIT));
    }

    /** Collects the ended {@code pid}: its exit status, or 128 + n when signal n killed it, as shells report it. */
    static int reap(int pid) throws IOException {
        int[] status = new int[1];
        UnixConnection.call("waitpid", () -> C.waitpid(pid, status, 0));
        int s = status[0];
        return (s & 0x7f) == 0 ? (s >> 8) & 0xff : 128 + (s & 0x7f);
    }

    /** Sends {@code signal} to process group {@code pgid}; quietly nothing when it has no process left. */
    static void signalGroup(int pgid, int signal) {
        try {
            C.kill(-pgid, signal);
        } catch (LastErrorException ignored) {
            // the group is gone
        }
    }
}
