package org.nslab.helper.kernel;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Processes as /proc shows them: which are in a namespace, which namespaces one is in, and stopping them. */
public final class LabProcesses {
    /** The namespace kinds /proc/PID/ns shows, as {@code status --json} reports them. */
    private static final List<String> KINDS = List.of("net", "uts", "mnt", "pid", "ipc", "user", "cgroup", "time");

    private LabProcesses() {}

    /** Pids of every process whose network namespace is one of {@code netnsInodes}. */
    public static List<Long> inNamespaces(Set<Long> netnsInodes) {
        List<Long> out = new ArrayList<>();
        if (netnsInodes.isEmpty()) return out;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path p : procs) {
                long ino = NodeCommand.inode(p.resolve("ns/net"));
                if (ino > 0 && netnsInodes.contains(ino)) out.add(Long.parseLong(p.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list processes: " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code net → net:[4026532…]} and so on for each namespace the process is in; empty once it is gone. */
    public static Map<String, String> namespaces(long pid) {
        Map<String, String> out = new TreeMap<>();
        for (String kind : KINDS) {
            try {
                out.put(kind, Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", kind)).toString());
            } catch (IOException | UnsupportedOperationException e) {
                // the process has ended, or this kernel has no such namespace kind
            }
        }
        return out;
    }

    /** The process with that pid, if it is still the one started at {@code startMillis} (pids are reused). */
    public static Optional<ProcessHandle> alive(long pid, long startMillis) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
                .map(i -> Math.abs(i.toEpochMilli() - startMillis) < 2000).orElse(false));
    }

    /** TERM to each, then KILL to those still there after {@code grace}; returns the pids that would not go. */
    public static List<Long> stop(List<ProcessHandle> processes, Duration grace) {
        for (ProcessHandle h : processes) h.destroy();
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() < deadline && processes.stream().anyMatch(ProcessHandle::isAlive)) pause(20);
        for (ProcessHandle h : processes) if (h.isAlive()) h.destroyForcibly();
        deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && processes.stream().anyMatch(ProcessHandle::isAlive)) pause(20);
        return processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
