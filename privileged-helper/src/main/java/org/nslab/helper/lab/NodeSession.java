package org.nslab.helper.lab;

import java.io.File;
import java.io.IOException;
import java.util.List;
import org.nslab.engine.lab.LabException;
import org.nslab.engine.protocol.ErrorCode;
import org.nslab.helper.apply.Applier;
import org.nslab.helper.apply.ApplyException;
import org.nslab.helper.kernel.Account;
import org.nslab.helper.kernel.NodeCommand;

/**
 * {@code exec} and {@code shell}: for a client of the helper on the streams it handed over ({@link #forClient}),
 * or in this process: a command in a node, started through the one chain that
 * enters a node ({@link NodeCommand}). The tools that enter the node inherit this process's terminal, so
 * Ctrl-C and the window size reach the command as they would reach any foreground program.
 */
final class NodeSession {
    private NodeSession() {}

    /** {@code command}, or with {@code shell} the account's login shell, in {@code node}; its exit status. */
    static int run(Applier applier, int uid, String lab, String node, List<String> command, boolean shell) throws LabException {
        String netns = netnsOf(applier, uid, lab, node);
        Account account = Account.of(uid);
        List<String> cmd = argv(account, command, shell);
        ProcessBuilder pb = new ProcessBuilder(NodeCommand.argv(netns, account, cmd)).inheritIO();
        String term = System.getenv("TERM");
        NodeCommand.environment(pb.environment(), account);
        if (term != null) pb.environment().put("TERM", term);
        pb.directory(new File(System.getProperty("user.dir")));
        // Ctrl-C reaches the command through the terminal; this process only waits for it (a handler, not
        // "ignore", which the command would inherit).
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> { });
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            throw new LabException(ErrorCode.KERNEL, "cannot start " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(ErrorCode.INTERNAL, "interrupted while " + String.join(" ", cmd) + " ran", e);
        }
    }

    /**
     * For a client of the helper: {@code command} (or the account's login shell) in {@code node}, as the client
     * that handed over {@code streams}, who must be {@code uid}, the caller the request came from.
     */
    static int forClient(Applier applier, int uid, String lab, String node, List<String> command, boolean shell,
                         org.nslab.helper.exec.PassedStreams streams) throws LabException {
        if (streams.uid() != uid) {
            throw new LabException(ErrorCode.FORBIDDEN, "the streams were handed over by uid " + streams.uid() + ", not by the caller");
        }
        String netns = netnsOf(applier, uid, lab, node);
        Account account = Account.of(uid);
        List<String> cmd = argv(account, command, shell);
        try {
            return org.nslab.helper.exec.NodeProcess.run(netns, account, cmd, streams);
        } catch (IOException e) {
            throw new LabException(ErrorCode.KERNEL, "cannot run " + String.join(" ", cmd) + " in " + node + ": " + e.getMessage(), e);
        }
    }

    /**
     * In this process, for streams a window of it drives (the designer's terminal or Run Command): they are handed
     * over on a rendezvous in a private folder, as to the helper, so the command runs on the same path (its own
     * session and terminal, signals by byte, a hang-up ending it).
     */
    static int forWindow(Applier applier, int uid, String lab, String node, List<String> command, boolean shell,
                         org.nslab.engine.protocol.ExecStreams streams) throws LabException {
        java.nio.file.Path dir = null;
        try {
            dir = java.nio.file.Files.createTempDirectory("nslab-exec-",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
            try (org.nslab.helper.exec.Rendezvous rendezvous = org.nslab.helper.exec.Rendezvous.open(dir, uid)) {
                // The connection waits in the socket's backlog until it is accepted below.
                org.nslab.engine.protocol.ExecStreams.Attached attached = streams.attach(rendezvous.path());
                try (org.nslab.helper.exec.PassedStreams passed = org.nslab.helper.exec.PassedStreams.accept(rendezvous,
                        java.time.Duration.ofSeconds(10), streams.terminal(), streams.rows(), streams.columns(), streams.term(),
                        pid -> started(attached, pid))) {
                    return forClient(applier, uid, lab, node, command, shell, passed);
                } finally {
                    attached.close();
                }
            }
        } catch (IOException e) {
            throw new LabException(ErrorCode.KERNEL, "cannot hand the window's streams over: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try {
                    java.nio.file.Files.deleteIfExists(dir);
                } catch (IOException ignored) {
                    // a temporary folder left empty
                }
            }
        }
    }

    private static void started(org.nslab.engine.protocol.ExecStreams.Attached attached, long pid) {
        try {
            attached.started(pid);
        } catch (IOException e) {
            // The window's side did not take the terminal: it hangs up, and the command ends with SIGHUP.
            attached.close();
        }
    }

    /** The kernel name of {@code node}'s namespace, once the applier has checked that {@code uid} may enter it. */
    private static String netnsOf(Applier applier, int uid, String lab, String node) throws LabException {
        try {
            return applier.node(lab, node, uid).netns();
        } catch (ApplyException e) {
            throw LocalLabService.translate(e);
        }
    }

    /** {@code command}, or with {@code shell} the account's login shell. */
    private static List<String> argv(Account account, List<String> command, boolean shell) {
        return shell ? List.of(account.shellOrDefault(), "-l") : command;
    }
}
