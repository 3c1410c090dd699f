package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * The soak: the helper as its own process on its real socket, and several members of its group (numeric uids of this
 * run, each one client process run with setpriv, several threads each with a lab of its own) sending it mixed requests
 * at once for a set time: apply, re-apply of a changed design (a sysctl, an address, a process), status, check, exec,
 * capture, teardown and apply again ({@link SoakClient}). A first, shorter round warms the helper up; then its open
 * descriptors, threads and heap after a full collection are taken, the soak runs, every lab is torn down, and the same
 * figures must be back where they were (they are taken at the helper's start too, for the report): a leak of one descriptor or thread per request would show hundreds. Every
 * request must have succeeded, no lab and no namespace may be left, and the figures are printed as a report.
 *
 * <p>CI runs it for {@code nslab.soak.seconds} (40 s after a 10 s warm-up); longer on demand, see
 * docs/reliability.md: {@code ./nslab soak 3600 4 3} (seconds, members, threads).
 */
@KernelTest
class HelperSoakKernelTest {
    static final long SECONDS = Long.getLong("nslab.soak.seconds", 40);
    static final long WARMUP_SECONDS = Long.getLong("nslab.soak.warmupSeconds", 10);
    static final int MEMBERS = Integer.getInteger("nslab.soak.members", 3);
    static final int THREADS = Integer.getInteger("nslab.soak.threads", 2);
    /** Descriptors and threads the JVM itself may open or end between two quiet moments (compiler threads, a lazily opened jar). */
    static final int SLACK = 4;
    /** Longer than the JDK keeps an idle process reaper (60 s) or carrier thread (30 s). */
    static final long SETTLE_SECONDS = 75;
    /** Uids of this run alone, so another run of the suite on the machine is never taken for this one. */
    static final int FIRST_UID = 50_000 + new Random().nextInt(5_000) * 8;

    @Test
    void theHelperStaysFlatUnderMembersConcurrentMixedRequests() throws Exception {
        Path work = Files.createTempDirectory("nslab-soak", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) members.add(FIRST_UID + i);
        try (UserClasspath classpath = UserClasspath.make();
             HelperProcess helper = HelperProcess.start(HelperSocketTest.SOCKET, String.valueOf(HelperSocketTest.GROUP))) {
            Sample start = Sample.of(helper.pid());
            Map<String, Long> warmup = round(classpath, members, WARMUP_SECONDS, work.resolve("warmup"), helper);
            Sample before = Sample.of(helper.pid());
            long started = System.nanoTime();
            Map<String, Long> soak = round(classpath, members, SECONDS, work.resolve("soak"), helper);
            double took = (System.nanoTime() - started) / 1e9;
            // The JDK's own pools (the process reapers, the virtual threads' carriers) grow under load and let idle
            // threads go after a minute at most; a leaked thread never goes. Wait for them before comparing.
            long settling = System.nanoTime();
            while (Sample.threads(helper.pid()) > before.threads + SLACK && System.nanoTime() - settling < TimeUnit.SECONDS.toNanos(SETTLE_SECONDS)) {
                Thread.sleep(1000);
            }
            double settled = (System.nanoTime() - settling) / 1e9;
            Sample after = Sample.of(helper.pid());
            int labsLeft;
            try (HelperClient root = HelperClient.connect(HelperSocketTest.SOCKET)) {
                labsLeft = root.list().labs().size();
            }
            List<String> namespacesLeft = HostSnapshot.take().namespaces();
            // The orderly stop systemd does; it removes the socket.
            helper.stop();

            long total = soak.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("""
                    soak: %d members x %d threads for %d s (after a %d s warm-up of %d requests), helper pid %d
                    requests: %s
                              %d in %.1f s: %.1f per second, 0 failed
                                     at start   after warm-up   at the end
                    descriptors      %8d   %13d   %10d
                    threads          %8d   %13d   %10d
                    heap used (KiB)  %8d   %13d   %10d   (after a full collection)
                    resident (KiB)   %8d   %13d   %10d
                    labs left: %d, namespaces left: %d; idle pool threads gone %.0f s after the last request
                    live heap grown most since the warm-up: %s
                    """, MEMBERS, THREADS, SECONDS, WARMUP_SECONDS, warmup.values().stream().mapToLong(Long::longValue).sum(),
                    helper.pid(), soak, total, took, total / took,
                    start.descriptors, before.descriptors, after.descriptors, start.threads, before.threads, after.threads,
                    start.heapKib, before.heapKib, after.heapKib, start.residentKib, before.residentKib, after.residentKib,
                    labsLeft, namespacesLeft.size(), settled, after.grownMost(before, 6));

            assertThat(soak.keySet()).containsAll(List.of("apply", "reapply", "status", "check", "exec", "capture", "teardown"));
            assertThat(after.descriptors).as("the helper's open descriptors (%s, after warm-up %s)", after.fdTargets, before.fdTargets).isLessThanOrEqualTo(before.descriptors + SLACK);
            assertThat(after.threads).as("the helper's threads (%s, after warm-up %s)", after.threadNames, before.threadNames)
                    .isLessThanOrEqualTo(before.threads + SLACK);
            assertThat(after.heapKib).as("the helper's live heap in KiB").isLessThanOrEqualTo(Math.max(before.heapKib * 3 / 2, before.heapKib + 16 * 1024));
            assertThat(labsLeft).isZero();
            assertThat(namespacesLeft).isEmpty();
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        for (int uid : members) assertThat(ExecHelperKernelTest.processesOf(uid)).as("processes of uid " + uid).isEmpty();
    }

    /** Every member's client at once for {@code seconds}; the requests they made by kind, after checking none failed. */
    private static Map<String, Long> round(UserClasspath classpath, List<Integer> members, long seconds, Path dir, HelperProcess helper)
            throws Exception {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<Process> clients = new ArrayList<>();
        for (int uid : members) {
            List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--groups=" + HelperSocketTest.GROUP, "--"));
            argv.addAll(classpath.java(SoakClient.class.getName(), HelperSocketTest.SOCKET.toString(), Long.toString(seconds),
                    Integer.toString(THREADS), dir.resolve(uid + ".report").toString()));
            clients.add(new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve(uid + ".log").toFile()).start());
        }
        Map<String, Long> counts = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            Process client = clients.get(i);
            int uid = members.get(i);
            if (!client.waitFor(seconds + 120, TimeUnit.SECONDS)) {
                failures.add("uid " + uid + " did not finish; its threads:\n" + Sample.jcmd(client.pid(), "Thread.print")
                        + "\nthe helper's threads, virtual ones included:\n" + threadsOf(helper.pid(), dir));
                client.destroyForcibly().waitFor();
            }
            Path report = dir.resolve(uid + ".report");
            if (!Files.exists(report)) {
                failures.add("uid " + uid + " wrote no report: " + Files.readString(dir.resolve(uid + ".log")));
                continue;
            }
            for (String line : Files.readAllLines(report, StandardCharsets.UTF_8)) {
                if (line.startsWith("ok ")) {
                    String[] words = line.split(" ");
                    counts.merge(words[1], Long.parseLong(words[2]), Long::sum);
                } else {
                    failures.add("uid " + uid + ": " + line);
                }
            }
        }
        assertThat(failures).as("helper log:\n%s", helper.log()).isEmpty();
        return counts;
    }

    private static String threadsOf(long pid, Path dir) throws IOException, InterruptedException {
        Path dump = dir.resolve("helper-threads.txt");
        Sample.jcmd(pid, "Thread.dump_to_file -format=text " + dump);
        return Files.readString(dump);
    }

    /** What the helper process holds: open descriptors, threads, resident memory, and its heap after a full collection. */
    record Sample(int descriptors, int threads, long residentKib, long heapKib, List<String> fdTargets, List<String> threadNames,
                  Map<String, Long> liveBytesByClass) {
        private static final Pattern USED = Pattern.compile("used (\\d+)K");

        static Sample of(long pid) throws IOException, InterruptedException {
            jcmd(pid, "GC.run");
            Thread.sleep(500);
            String heap = jcmd(pid, "GC.heap_info");
            Matcher used = USED.matcher(heap);
            if (!used.find()) throw new IllegalStateException("no heap figure in: " + heap);
            Path fd = Path.of("/proc", Long.toString(pid), "fd");
            List<String> targets = new ArrayList<>();
            try (Stream<Path> open = Files.list(fd)) {
                for (Path p : open.toList()) {
                    try {
                        targets.add(Files.readSymbolicLink(p).toString());
                    } catch (IOException e) {
                        // closed while listed
                    }
                }
            }
            String status = Files.readString(Path.of("/proc", Long.toString(pid), "status"));
            List<String> names = new ArrayList<>();
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : tasks.toList()) {
                    try {
                        names.add(Files.readString(task.resolve("comm")).strip());
                    } catch (IOException e) {
                        // ended while listed
                    }
                }
            }
            return new Sample(targets.size(), (int) field(status, "Threads"), field(status, "VmRSS"), Long.parseLong(used.group(1)),
                    targets.stream().map(t -> t.replaceAll("\\[\\d+\\]", "[]")).sorted().toList(), names.stream().sorted().toList(),
                    histogram(jcmd(pid, "GC.class_histogram")));
        }

        private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");

        /** Live bytes per class, from the histogram jcmd prints after a full collection. */
        static Map<String, Long> histogram(String text) {
            Map<String, Long> out = new TreeMap<>();
            for (String line : text.split("\n")) {
                Matcher m = HISTOGRAM_LINE.matcher(line);
                if (m.find()) out.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
            }
            return out;
        }

        /** The classes whose live bytes grew most from {@code earlier} to this sample, largest first. */
        String grownMost(Sample earlier, int count) {
            return liveBytesByClass.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - earlier.liveBytesByClass.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 0).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(count)
                    .map(e -> e.getKey() + " +" + e.getValue() / 1024 + " KiB").toList().toString();
        }

        static int threads(long pid) throws IOException {
            return (int) field(Files.readString(Path.of("/proc", Long.toString(pid), "status")), "Threads");
        }

        private static long field(String status, String name) {
            Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
            if (!m.find()) throw new IllegalStateException("no " + name + " in /proc/PID/status");
            return Long.parseLong(m.group(1));
        }

        private static String jcmd(long pid, String command) throws IOException, InterruptedException {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            List<String> argv = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
            argv.addAll(List.of(command.split(" ")));
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) throw new IllegalStateException("jcmd " + command + ": " + out);
            return out;
        }
    }
}
