package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;
import org.nslab.engine.protocol.HelperClient;
import org.nslab.engine.protocol.HelperException;
import org.nslab.engine.protocol.Response;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * Crash points: a real {@code nslab} (applying in-process as root) and a real helper daemon (serving a client over its
 * socket) SIGKILL themselves right after step N of an apply, an incremental re-apply or a teardown of a generated
 * design ({@link KillSwitch}), or inside a step that creates a link, between the request that makes it and the one
 * that tags it (about half the points of an apply or re-apply). After the restart (the CLI's next command, the helper's start) an independent observer
 * must see the lab in its state before the run or after it, never in between; {@code status} of a lab that is there
 * must be clean, and teardown must leave nothing. Seeds and steps are printed, and named in every failure; rerun one
 * with {@code -Dnslab.crash.seed=S}.
 */
@KernelTest
class CrashPointKernelTest {
    /** Kill points per kind of process (CLI, helper); each design gives one per phase. */
    static final int POINTS = Integer.getInteger("nslab.crash.points", 51);
    static final long SEED = Long.getLong("nslab.crash.seed", System.nanoTime());

    enum Phase { APPLY, REAPPLY, TEARDOWN }

    @TempDir
    Path dir;

    /**
     * iptables-nft makes the host's filter table on first use and keeps it, empty, after the lab's chains are gone; so
     * that "no lab" looks the same before and after the first host rule, the table is there from the start (and
     * dropped again at the end when it is empty).
     */
    @BeforeAll
    static void hostFilterTableExists() {
        HostSnapshot.run("iptables", "-w", "-A", "FORWARD", "-s", "192.0.2.1", "-j", "DROP");
        HostSnapshot.run("iptables", "-w", "-D", "FORWARD", "-s", "192.0.2.1", "-j", "DROP");
    }

    @AfterAll
    static void emptyHostFilterTableGoes() {
        if (!HostSnapshot.run("iptables", "-V").contains("nf_tables")) return;
        if (HostSnapshot.run("iptables-save", "-t", "filter").lines().anyMatch(l -> l.startsWith("-A"))) return;
        HostSnapshot.run("nft", "delete", "table", "ip", "filter");
    }

    /** One generated pair of designs and what the observer sees with none, the first and the second applied. */
    record Case(long seed, String lab, CrashDesigns.Spec firstSpec, CrashDesigns.Spec secondSpec, Topology first, Topology second,
                LabObserver none, LabObserver firstSeen, LabObserver secondSeen, int applySteps, int reapplySteps, int teardownSteps,
                List<String> reapplied, List<Integer> applyBirths, List<Integer> reapplyBirths) {
        /**
         * The same case under another lab name of the same length: the designs are made again from their specs, and
         * what was observed differs only by the name.
         */
        Case as(String other) {
            if (other.length() != lab.length()) throw new IllegalArgumentException(other + " is not as long as " + lab);
            CrashDesigns.Spec a = firstSpec.withLab(other);
            CrashDesigns.Spec b = secondSpec.withLab(other);
            return new Case(seed, other, a, b, CrashDesigns.design(a), CrashDesigns.design(b), none.renamed(lab, other),
                    firstSeen.renamed(lab, other), secondSeen.renamed(lab, other), applySteps, reapplySteps, teardownSteps,
                    reapplied.stream().map(d -> d.replace(lab, other)).toList(), applyBirths, reapplyBirths);
        }

        int steps(Phase p) {
            return switch (p) {
                case APPLY -> applySteps;
                case REAPPLY -> reapplySteps;
                case TEARDOWN -> teardownSteps;
            };
        }

        /** The steps of a phase that create a link (numbered from 0, as the kill switch counts). */
        List<Integer> births(Phase p) {
            return switch (p) {
                case APPLY -> applyBirths;
                case REAPPLY -> reapplyBirths;
                case TEARDOWN -> List.of();
            };
        }

        /** Where a seed's phase is killed: after a random step, or (half the time, where it makes links) inside one that does. */
        Point point(Phase p) {
            Random draw = new Random(seed * 31 + p.ordinal());
            int n = draw.nextInt(steps(p) + 1);
            if (births(p).isEmpty() || !draw.nextBoolean()) return new Point(n, false);
            return new Point(births(p).get(draw.nextInt(births(p).size())), true);
        }

        String name(Phase p, Point k) {
            return "seed " + seed + " lab " + lab + " " + p + " killed " + (k.inside() ? "inside step " + (k.n() + 1)
                    + " (its link made, not tagged)" : "after step " + k.n()) + " of " + steps(p);
        }
    }

    /** After {@code n} steps; {@code inside}: inside step n + 1, between its link's creation and its tagging. */
    record Point(int n, boolean inside) {
        Map<String, String> environment() {
            return inside ? Map.of(KillSwitch.AFTER_STEP, String.valueOf(n), KillSwitch.INSIDE, "1")
                    : Map.of(KillSwitch.AFTER_STEP, String.valueOf(n));
        }
    }

    private static List<Integer> steps(List<KillSwitch.Birth> births) {
        return births.stream().map(KillSwitch.Birth::step).toList();
    }

    /** Applies, re-applies and tears the pair down in this JVM, counting the steps of each and observing each state. */
    static Case reference(long seed, String lab) throws ApplyException {
        Random rnd = new Random(seed);
        CrashDesigns.Spec a = CrashDesigns.spec(lab, rnd);
        Topology first = CrashDesigns.design(a);
        PlannerPlans plans = new PlannerPlans();
        assertThat(plans.validate(first)).as("seed " + seed + ": the generator made an invalid design").isEmpty();
        LabObserver none = LabObserver.observe();
        KillSwitch counter = KillSwitch.counting(new LinuxKernel());
        Applier applier = new Applier(new LabStore(), counter, plans);
        applier.apply(first, 0, Progress.NONE);
        List<Integer> applyBirths = steps(counter.births());
        int applySteps = counter.reset();
        LabObserver firstSeen = LabObserver.observe();
        assertThat(applier.status(lab, null).toText()).as("seed " + seed).endsWith(": kernel matches the design\n");
        // A change the kernel never sees (a host name, a hosts file) has no step to kill or refuse: draw another.
        Topology second = null;
        CrashDesigns.Spec b = null;
        List<String> reapplied = List.of();
        List<Integer> reapplyBirths = List.of();
        int reapplySteps = 0;
        for (int tries = 0; reapplySteps == 0; tries++) {
            assertThat(tries).as("seed " + seed + ": no valid change with a kernel step found").isLessThan(50);
            CrashDesigns.Spec changed = CrashDesigns.mutate(a, rnd);
            Topology t = CrashDesigns.design(changed);
            if (!plans.validate(t).isEmpty()) continue;
            reapplied = applier.apply(t, 0, Progress.NONE).steps();
            reapplyBirths = steps(counter.births());
            reapplySteps = counter.reset();
            if (reapplySteps == 0) {
                applier.apply(first, 0, Progress.NONE);
                counter.reset();
            } else {
                second = t;
                b = changed;
            }
        }
        LabObserver secondSeen = LabObserver.observe();
        assertThat(applier.status(lab, null).toText()).as("seed " + seed).endsWith(": kernel matches the design\n");
        applier.teardown(lab, 0, Progress.NONE);
        int teardownSteps = counter.reset();
        assertThat(LabObserver.observe().differencesFrom(none)).as("seed " + seed + ": teardown left something").isEmpty();
        // The teardown of the first design, as the teardown phase kills it.
        applier.apply(first, 0, Progress.NONE);
        counter.reset();
        applier.teardown(lab, 0, Progress.NONE);
        teardownSteps = counter.reset();
        return new Case(seed, lab, a, b, first, second, none, firstSeen, secondSeen, applySteps, reapplySteps, teardownSteps, reapplied,
                applyBirths, reapplyBirths);
    }

    @Test
    void theCliKilledAtAnyStepLeavesTheLabBeforeOrAfterNeverBetween() throws Exception {
        long t0 = System.nanoTime();
        System.out.println("crash points (CLI): base seed " + SEED + ", " + POINTS + " kill points");
        int killed = 0;
        Case c = null;
        for (int i = 0; i < POINTS; i++) {
            Phase phase = Phase.values()[i % 3];
            long seed = SEED + i / 3;
            if (c == null || c.seed() != seed) c = reference(seed, "kc" + (i / 3));
            Point n = c.point(phase);
            String name = c.name(phase, n);
            System.out.println("  " + name);
            Path first = write(c.lab() + "-1", c.first());
            Path second = write(c.lab() + "-2", c.second());
            Applier here = Applier.onThisMachine();
            if (phase != Phase.APPLY) here.apply(c.first(), 0, Progress.NONE);
            Cli run = switch (phase) {
                case APPLY -> cli(name, n, "apply", first.toString());
                case REAPPLY -> cli(name, n, "apply", second.toString());
                case TEARDOWN -> cli(name, n, "teardown", c.lab());
            };
            if (run.exit == 137) killed++;
            else assertThat(n.n()).as(name + ": not killed (exit " + run.exit + "): " + run.err).isGreaterThanOrEqualTo(c.steps(phase));
            // The CLI's next command finishes the interrupted run.
            Cli status = cli(name, null, "status", "--json", c.lab());
            com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(status.out);
            verify(c, phase, name, new Status(json.path("applied").asBoolean(), json.path("matches").asBoolean(), status.out + status.err));
            // Teardown as the CLI does it in-process (the CLI's own teardown is among the killed commands).
            assertThat(Applier.onThisMachine().teardown(c.lab(), 0, Progress.NONE).leftovers()).as(name).isEmpty();
            assertThat(LabObserver.observe().differencesFrom(c.none())).as(name + ": teardown left something").isEmpty();
            assertThat(HostSnapshot.take().stateFiles()).as(name).isEmpty();
        }
        System.out.printf("crash points (CLI): %d runs, %d killed mid-run, %.1f s%n", POINTS, killed, (System.nanoTime() - t0) / 1e9);
        assertThat(killed).isGreaterThanOrEqualTo(POINTS * 3 / 4);
    }

    @Test
    void theHelperKilledAtAnyStepRecoversTheLabToBeforeOrAfterWhenItStarts() throws Exception {
        long t0 = System.nanoTime();
        long base = SEED + 7_000_003L;
        System.out.println("crash points (helper): base seed " + base + ", " + POINTS + " kill points");
        int killed = 0;
        // All references first, on an empty sandbox: later a killed point's lab is still there when the next helper starts.
        List<Case> refs = new ArrayList<>();
        for (int k = 0; k * 3 < POINTS; k++) refs.add(reference(base + k, "hq" + k));
        Case pending = null;
        Phase pendingPhase = null;
        String pendingName = null;
        for (int i = 0; i <= POINTS; i++) {
            Phase phase = Phase.values()[i % 3];
            long seed = base + i / 3;
            Case ref = i == POINTS ? null : refs.get(i / 3);
            // Each point its own lab name, so the helper armed for this one does not count the recovery of the last.
            Case c = i == POINTS ? null : ref.as("h" + "abc".charAt(phase.ordinal()) + i / 3);
            Point n = c == null ? null : c.point(phase);
            String name = c == null ? null : c.name(phase, n);
            if (name != null) System.out.println("  " + name);
            // This start recovers what the previous helper left: it is armed only for its own lab.
            Map<String, String> armed = new java.util.HashMap<>();
            if (c != null) {
                armed.putAll(n.environment());
                armed.put(KillSwitch.LAB, c.lab());
            }
            try (Daemon d = Daemon.start(dir, armed)) {
                if (pending != null) {
                    try (HelperClient client = HelperClient.connect(Daemon.SOCKET)) {
                        Status status = helperStatus(client, pending.lab(), d);
                        verify(pending, pendingPhase, pendingName, status);
                        if (status.applied()) client.teardown(pending.lab(), (x, y, z) -> {});
                        assertThat(LabObserver.observe().differencesFrom(pending.none())).as(pendingName + ": teardown left something")
                                .isEmpty();
                        assertThat(HostSnapshot.take().stateFiles()).as(pendingName).containsExactly("helper.sock");
                    }
                }
                if (c == null) break;
                if (phase != Phase.APPLY) Applier.onThisMachine().apply(c.first(), 0, Progress.NONE);
                boolean died;
                try (HelperClient client = HelperClient.connect(Daemon.SOCKET)) {
                    switch (phase) {
                        case APPLY -> client.apply(c.first(), (x, y, z) -> {});
                        case REAPPLY -> client.apply(c.second(), (x, y, z) -> {});
                        case TEARDOWN -> client.teardown(c.lab(), (x, y, z) -> {});
                    }
                    died = false;
                } catch (HelperException e) {
                    died = true;
                }
                int exit = d.awaitExit();
                if (died) {
                    assertThat(exit).as(name + ": the helper failed the request without dying: " + d.log()).isEqualTo(137);
                    killed++;
                } else {
                    assertThat(n.n()).as(name + ": not killed").isGreaterThanOrEqualTo(c.steps(phase));
                }
                pending = c;
                pendingPhase = phase;
                pendingName = name;
            }
        }
        System.out.printf("crash points (helper): %d runs, %d killed mid-run, %.1f s%n", POINTS, killed, (System.nanoTime() - t0) / 1e9);
        assertThat(killed).isGreaterThanOrEqualTo(POINTS * 3 / 4);
    }

    private static Status helperStatus(HelperClient client, String lab, Daemon d) {
        try {
            Response.LabStatus s = client.status(lab).labs().stream().filter(l -> l.name().equals(lab)).findFirst().orElseThrow();
            return new Status(true, s.missing().isEmpty() && s.extra().isEmpty() && s.different().isEmpty(), s + "\n" + d.log());
        } catch (HelperException e) {
            // Only "no such lab" means it is not applied; any other failure is status failing.
            return new Status(e.code() != org.nslab.engine.protocol.ErrorCode.NOT_FOUND, false, e.code() + ": " + e.getMessage() + "\n" + d.log());
        }
    }

    /** What {@code status LAB} said. */
    record Status(boolean applied, boolean matches, String text) {}

    /**
     * The lab is in its state before the run or after it; status of a lab that is there reports no difference, and of
     * one that is not, that it is not applied.
     */
    private static void verify(Case c, Phase phase, String name, Status status) {
        LabObserver seen = LabObserver.observe();
        LabObserver before = phase == Phase.APPLY ? c.none() : c.firstSeen();
        LabObserver after = switch (phase) {
            case APPLY -> c.firstSeen();
            case REAPPLY -> c.secondSeen();
            case TEARDOWN -> c.none();
        };
        List<String> fromBefore = seen.differencesFrom(before);
        List<String> fromAfter = seen.differencesFrom(after);
        assertThat(fromBefore.isEmpty() || fromAfter.isEmpty())
                .as(name + ": the lab is neither as before nor as after the run.\nFrom before: " + fromBefore + "\nFrom after: " + fromAfter)
                .isTrue();
        if (seen.differencesFrom(c.none()).isEmpty()) {
            assertThat(status.applied()).as(name + ": the lab is gone, but status says: " + status.text()).isFalse();
        } else {
            assertThat(status.matches()).as(name + ": status is not clean: " + status.text()).isTrue();
        }
    }

    private Path write(String name, Topology t) throws IOException {
        Path p = dir.resolve(name + ".nslab.json");
        Files.writeString(p, TopologyJson.write(t));
        return p;
    }

    record Cli(int exit, String out, String err) {}

    /** {@code nslab ARGS} as root in a JVM of its own, killing itself at {@code kill} (never when null). */
    private Cli cli(String name, Point kill, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.nslab.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("NSLAB_HELPER_SOCKET");
        pb.environment().put("NSLAB_HELPER_SOCKET", dir.resolve("no-helper.sock").toString());
        if (kill != null) pb.environment().putAll(kill.environment());
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(name + ": nslab " + String.join(" ", args) + " did not finish");
        }
        return new Cli(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The helper in a JVM of its own, as {@code nslab helper} starts it, with an environment of our choosing. */
    record Daemon(Process process, Path logFile) implements AutoCloseable {
        static final Path SOCKET = HelperClient.DEFAULT_SOCKET;

        static Daemon start(Path dir, Map<String, String> env) throws IOException, InterruptedException {
            Daemon d = launch(dir, env);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!HelperClient.listening(SOCKET)) {
                if (!d.process.isAlive()) throw new AssertionError("the helper exited (" + d.process.exitValue() + ", " + env + "): " + d.log());
                if (System.nanoTime() > deadline) {
                    d.close();
                    throw new AssertionError("the helper did not start listening: " + d.log());
                }
                Thread.sleep(10);
            }
            return d;
        }

        /** Started, not waited for: a helper armed to die in its start's recovery never listens. */
        static Daemon launch(Path dir, Map<String, String> env) throws IOException {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                    "org.nslab.cli.HelperCommand",
                    "--socket", SOCKET.toString(), "--group", "0");
            Path log = dir.resolve("helper.log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            return new Daemon(pb.start(), log);
        }

        int awaitExit() throws InterruptedException {
            // A helper that was not killed keeps serving; it is stopped here so the next one can start.
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                process.waitFor(60, TimeUnit.SECONDS);
                return -1;
            }
            return process.exitValue();
        }

        String log() {
            try {
                return Files.readString(logFile);
            } catch (IOException e) {
                return "(no log)";
            }
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly();
            }
            process.waitFor(60, TimeUnit.SECONDS);
        }
    }
}
