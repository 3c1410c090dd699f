package org.nslab.helper.apply;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nslab.engine.model.Topology;
import org.nslab.engine.lab.LabProcess;
import org.nslab.helper.kernel.Account;
import org.nslab.helper.kernel.LabProcesses;
import org.nslab.helper.kernel.Netns;
import org.nslab.helper.kernel.NodeCommand;
import org.nslab.helper.kernel.Uts;

/**
 * The design's {@code run} entries of a lab: started after apply as the lab's owner, each in its node's
 * namespaces with its output in {@code logs/<node>-<n>.log} of the lab's state folder; recorded in
 * {@code processes.json} there (pid and start time, so a reused pid is never taken for ours). A re-apply
 * restarts only entries whose command or namespaces changed; teardown stops every process in the lab's
 * namespaces, recorded or not, and says which would not go.
 */
public final class StartupProcesses {
    static final String FILE = "processes.json";
    static final String LOGS = "logs";
    private static final Duration GRACE = Duration.ofSeconds(2);

    /** One started entry. {@code exit} is its status once this process has seen it end, else null. */
    record Entry(String node, int index, List<String> argv, String netns, boolean uts, long netnsInode, long pid,
                 long startMillis, String log, Integer exit) {
        Entry {
            argv = List.copyOf(argv);
        }

        boolean sameAs(Entry o) {
            return node.equals(o.node) && index == o.index && argv.equals(o.argv) && netns.equals(o.netns) && uts == o.uts
                    && netnsInode == o.netnsInode;
        }

        Entry exited(int status) {
            return new Entry(node, index, argv, netns, uts, netnsInode, pid, startMillis, log, status);
        }
    }

    private final LabStore store;

    StartupProcesses(LabStore store) {
        this.store = store;
    }

    /** Makes the running entries match the design; returns a line per entry started or stopped. */
    synchronized List<String> reconcile(String lab, int ownerUid, Topology design) {
        List<Entry> had = read(lab);
        List<Entry> wanted = new ArrayList<>();
        design.namespaces().forEach((id, ns) -> {
            if (Topology.HOST.equals(id)) return;
            String netns = design.kernelName(id);
            for (int i = 0; i < ns.run().size(); i++) {
                wanted.add(new Entry(id, i, ns.run().get(i), netns, ns.hostname() != null, NodeCommand.inode(Netns.path(netns)),
                        0, 0, null, null));
            }
        });
        // Most labs run nothing: then there is nothing to stop, start or record (and no account to look up).
        if (had.isEmpty() && wanted.isEmpty()) return List.of();
        List<String> changes = new ArrayList<>();
        List<Entry> kept = new ArrayList<>();
        List<Entry> stopping = new ArrayList<>();
        for (Entry e : had) {
            if (wanted.stream().anyMatch(w -> w.sameAs(e))) kept.add(e);
            else stopping.add(e);
        }
        List<ProcessHandle> handles = new ArrayList<>();
        for (Entry e : stopping) {
            LabProcesses.alive(e.pid(), e.startMillis()).ifPresent(handles::add);
            changes.add("stop " + e.node() + "[" + e.index() + "] (pid " + e.pid() + ")");
        }
        LabProcesses.stop(handles, GRACE);
        List<Entry> now = new ArrayList<>(kept);
        Account owner = Account.of(ownerUid);
        for (Entry w : wanted) {
            if (kept.stream().anyMatch(k -> k.sameAs(w))) continue;
            Entry started = start(lab, owner, w);
            now.add(started);
            changes.add("start " + w.node() + "[" + w.index() + "] (pid " + started.pid() + "): " + String.join(" ", w.argv()));
        }
        now.sort(java.util.Comparator.comparing(Entry::node).thenComparingInt(Entry::index));
        write(lab, now);
        return changes;
    }

    /**
     * Stops every process in the lab's namespaces (the recorded ones and any other, such as one started with
     * {@code nslab exec}), TERM then KILL; returns a problem line per process that would not go.
     */
    synchronized List<String> stopAll(String lab, Set<String> namespaces) {
        Set<Long> inodes = new HashSet<>();
        for (String ns : namespaces) {
            long ino = NodeCommand.inode(Netns.path(ns));
            if (ino > 0) inodes.add(ino);
        }
        List<ProcessHandle> handles = new ArrayList<>();
        for (Entry e : read(lab)) LabProcesses.alive(e.pid(), e.startMillis()).ifPresent(handles::add);
        for (long pid : LabProcesses.inNamespaces(inodes)) {
            ProcessHandle.of(pid).filter(h -> h.pid() != ProcessHandle.current().pid()).ifPresent(handles::add);
        }
        List<String> problems = new ArrayList<>();
        for (long pid : LabProcesses.stop(handles.stream().distinct().toList(), GRACE)) {
            problems.add("process " + pid + " in a namespace of lab " + lab + " did not end after SIGKILL");
        }
        try {
            Files.deleteIfExists(store.dir(lab).resolve(FILE));
        } catch (IOException e) {
            problems.add("cannot remove " + FILE + " of lab " + lab + ": " + e.getMessage());
        }
        return problems;
    }

    synchronized List<LabProcess> status(String lab) {
        List<LabProcess> out = new ArrayList<>();
        for (Entry e : read(lab)) {
            boolean running = LabProcesses.alive(e.pid(), e.startMillis()).isPresent();
            out.add(new LabProcess(e.node(), e.index(), e.argv(), e.pid(), running, running ? null : e.exit(), e.log(),
                    running ? LabProcesses.namespaces(e.pid()) : Map.of()));
        }
        return out;
    }

    private Entry start(String lab, Account owner, Entry w) {
        Path log = logFile(lab, owner, w.node() + "-" + w.index() + ".log");
        List<String> argv = new ArrayList<>();
        // Its own session: no terminal's hangup or Ctrl-C reaches it after the command line that applied it ends.
        argv.add("setsid");
        argv.addAll(NodeCommand.argv(w.netns(), owner, w.argv()));
        ProcessBuilder pb = new ProcessBuilder(argv);
        NodeCommand.environment(pb.environment(), owner);
        Path home = owner.home() == null ? Path.of("/") : Path.of(owner.home());
        pb.directory(Files.isDirectory(home) ? home.toFile() : new File("/"));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            long startMillis = p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(System.currentTimeMillis());
            Entry e = new Entry(w.node(), w.index(), w.argv(), w.netns(), Files.exists(Uts.path(w.netns())), w.netnsInode(), p.pid(),
                    startMillis, log.toString(), null);
            p.onExit().thenAccept(done -> recordExit(lab, e, done.exitValue()));
            return e;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start " + String.join(" ", w.argv()) + " in " + w.netns() + ": " + ex.getMessage(), ex);
        }
    }

    private synchronized void recordExit(String lab, Entry e, int status) {
        List<Entry> entries = read(lab);
        if (entries.isEmpty()) return;
        List<Entry> out = new ArrayList<>();
        for (Entry x : entries) out.add(x.pid() == e.pid() && x.startMillis() == e.startMillis() ? x.exited(status) : x);
        write(lab, out);
    }

    /**
     * The log file, in a folder the owner owns: the lab's folder becomes searchable (0711, still not listable)
     * so the owner can reach it, while every state file in it stays 0600 root's.
     */
    private Path logFile(String lab, Account owner, String name) {
        Path dir = store.dir(lab);
        Path logs = dir.resolve(LOGS);
        try {
            store.ensureDir(dir);
            Files.createDirectories(logs);
            for (Path p : List.of(dir.getParent(), dir)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwx------"));
            Path log = logs.resolve(name);
            if (!Files.exists(log)) Files.createFile(log);
            Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-------"));
            if (!owner.root()) {
                for (Path p : List.of(logs, log)) {
                    Files.setAttribute(p, "unix:uid", owner.uid());
                    Files.setAttribute(p, "unix:gid", owner.gid());
                }
            }
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the log of lab " + lab + ": " + e.getMessage(), e);
        }
    }

    private List<Entry> read(String lab) {
        Path f = store.dir(lab).resolve(FILE);
        if (!Files.exists(f)) return new ArrayList<>();
        try {
            return new ArrayList<>(StateJson.MAPPER.readValue(Files.readString(f), new TypeReference<List<Entry>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private void write(String lab, List<Entry> entries) {
        Path f = store.dir(lab).resolve(FILE);
        try {
            if (entries.isEmpty()) {
                Files.deleteIfExists(f);
                return;
            }
            store.ensureDir(store.dir(lab));
            LabStore.writeAtomically(f, StateJson.MAPPER.writeValueAsString(entries));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }
}
