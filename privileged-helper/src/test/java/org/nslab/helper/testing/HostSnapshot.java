package org.nslab.helper.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a kernel test could leave behind, read with independent tools: named namespaces, links, iptables
 * and ip6tables rules, sysctls the lab may touch, and files under /run/nslab.
 */
public record HostSnapshot(List<String> namespaces, List<String> links, String iptables, String ip6tables,
                           List<String> stateFiles, List<String> etcNetns, List<String> labProcesses) {

    public static HostSnapshot take() {
        return new HostSnapshot(listDir(Path.of("/run/netns")), readLinks(), rules("iptables-save"), rules("ip6tables-save"),
                listTree(Path.of("/run/nslab")), listTree(Path.of("/etc/netns")), processesInLabNamespaces());
    }

    /**
     * True when the test JVM runs in the sandbox the wrapper makes: tmpfs mounts named nslab-test-run on /run
     * and nslab-test-etc-netns on /etc/netns.
     */
    public static boolean inSandbox() {
        try {
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mountinfo"));
            return mounts.stream().anyMatch(line -> line.contains(" /run ") && line.contains("nslab-test-run"))
                    && mounts.stream().anyMatch(line -> line.contains(" /etc/netns ") && line.contains("nslab-test-etc-netns"));
        } catch (IOException e) {
            return false;
        }
    }

    public List<String> differencesFrom(HostSnapshot before) {
        List<String> diffs = new ArrayList<>();
        if (!namespaces.equals(before.namespaces)) diffs.add("namespaces " + before.namespaces + " -> " + namespaces);
        if (!links.equals(before.links)) diffs.add("links " + before.links + " -> " + links);
        if (!iptables.equals(before.iptables)) diffs.add("iptables-save changed:\n" + before.iptables + "\n---\n" + iptables);
        if (!ip6tables.equals(before.ip6tables)) diffs.add("ip6tables-save changed:\n" + before.ip6tables + "\n---\n" + ip6tables);
        if (!stateFiles.equals(before.stateFiles)) diffs.add("files under /run/nslab " + before.stateFiles + " -> " + stateFiles);
        if (!etcNetns.equals(before.etcNetns)) diffs.add("files under /etc/netns " + before.etcNetns + " -> " + etcNetns);
        if (!labProcesses.equals(before.labProcesses)) diffs.add("processes in lab namespaces " + before.labProcesses + " -> " + labProcesses);
        return diffs;
    }

    /**
     * The kernel frees a deleted namespace's devices (and their veth peers elsewhere) asynchronously, so
     * residue must persist for a while before it counts: poll until it is gone or the grace period ends.
     */
    public static List<String> settledDifferencesFrom(HostSnapshot before) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        List<String> residue = HostSnapshot.take().differencesFrom(before);
        while (!residue.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            residue = HostSnapshot.take().differencesFrom(before);
        }
        return residue;
    }

    /**
     * Processes of this sandbox (their /run is this sandbox's tmpfs, which no other sandbox on the machine
     * shares) in a network namespace other than the test JVM's: those a lab started, or left behind.
     */
    public static List<String> processesInLabNamespaces() {
        Object ourRun = attribute(Path.of("/run"), "unix:dev");
        Object ourNet = attribute(Path.of("/proc/self/ns/net"), "unix:ino");
        List<String> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                Object net = attribute(p.resolve("ns/net"), "unix:ino");
                if (net == null || net.equals(ourNet) || !ourRun.equals(attribute(p.resolve("root/run"), "unix:dev"))) continue;
                String comm = "";
                try {
                    comm = Files.readString(p.resolve("comm")).trim();
                } catch (IOException e) {
                    continue; // ended meanwhile
                }
                out.add(p.getFileName() + " " + comm + " net:" + net);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.stream().sorted().toList();
    }

    private static Object attribute(Path p, String name) {
        try {
            return Files.getAttribute(p, name);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> listDir(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> listTree(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLinks() {
        return run("ip", "-o", "link", "show").lines()
                .map(line -> line.split(":", 3)[1].trim().replaceFirst("@.*", ""))
                .sorted().toList();
    }

    /** Rules without the comment and counter lines that differ between two reads of the same state. */
    private static String rules(String tool) {
        return String.join("\n", run(tool).lines()
                .filter(line -> !line.startsWith("#"))
                .map(line -> line.replaceAll("\\[\\d+:\\d+\\]", ""))
                .toList());
    }

    public static String run(String... command) {
        return ProgramRun.merged(command).out();
    }
}
