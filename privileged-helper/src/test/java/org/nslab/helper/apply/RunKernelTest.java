package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.TeardownResult;
import org.nslab.engine.model.Topology;
import org.nslab.engine.lab.LabProcess;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/** A design's {@code run} processes against the real kernel: started in their node, kept, restarted and stopped. */
@KernelTest
class RunKernelTest {
    private static final Path DESIGN = Path.of("src/test/resources/inside/run.nslab.json");

    private static LabProcess entry(Applier applier, String node, int index) {
        return applier.processes("runs").stream().filter(p -> p.node().equals(node) && p.index() == index).findFirst().orElseThrow();
    }

    /** Polls, since a server takes a moment to listen and a process a moment to end. */
    private static Sh eventually(java.util.function.Supplier<Sh> run) throws InterruptedException {
        Sh last = run.get();
        for (int i = 0; i < 100 && last.code() != 0; i++) {
            Thread.sleep(100);
            last = run.get();
        }
        return last;
    }

    @Test
    void processesRunInTheirNodeAnswerByNameAndTeardownLeavesNone() throws Exception {
        Topology t = ApplierKernelTest.load(DESIGN);
        Applier applier = Applier.onThisMachine();
        ApplyResult applied = applier.apply(t, 0, Progress.NONE);
        try {
            assertThat(applied.steps()).anyMatch(s -> s.startsWith("start red[0] (pid ")).anyMatch(s -> s.startsWith("start blue[0]"));
            Sh answer = eventually(() -> Sh.run("ip", "netns", "exec", "runs-blue", "python3", "-c",
                    "import urllib.request; print(urllib.request.urlopen('http://red:8080/', timeout=2).status)"));
            assertThat(answer.out().trim()).isEqualTo("200");
            LabProcess server = entry(applier, "red", 0);
            assertThat(server.running()).isTrue();
            // Joined to the node's network and UTS namespaces, with the lab's hosts file as /etc/hosts.
            assertThat(server.namespaces().get("net")).isEqualTo("net:[" + Files.getAttribute(Path.of("/run/netns/runs-red"), "unix:ino") + "]");
            assertThat(server.namespaces().get("uts")).isEqualTo("uts:[" + Files.getAttribute(Path.of("/run/nslab/uts/runs-red"), "unix:ino") + "]");
            assertThat(Files.readString(Path.of("/proc/" + server.pid() + "/root/etc/hosts"))).contains("10.0.1.3 blue");
            assertThat(Files.readString(Path.of(server.log()))).contains("GET / HTTP/1.1");
            // The shell the design asked for ends with its status, which status reports.
            eventually(() -> new Sh(entry(applier, "blue", 0).running() ? 1 : 0, ""));
            assertThat(entry(applier, "blue", 0).running()).isFalse();
            assertThat(entry(applier, "blue", 0).exit()).isEqualTo(3);
            assertThat(applier.status("runs", null).toText()).contains("process red[0] pid " + server.pid() + " running: python3 -m http.server");
            assertThat(applier.status("runs", null).toJson()).contains("\"namespaces\"", "\"uts\" : \"uts:[");
        } finally {
            applier.teardown("runs", 0, Progress.NONE);
        }
        assertThat(HostSnapshot.processesInLabNamespaces()).isEmpty();
    }

    @Test
    void reapplyRestartsOnlyTheEntryThatChanged() throws Exception {
        Topology t = ApplierKernelTest.load(DESIGN);
        Applier applier = Applier.onThisMachine();
        applier.apply(t, 0, Progress.NONE);
        try {
            long server = entry(applier, "red", 0).pid();
            long sleeper = entry(applier, "red", 1).pid();
            assertThat(applier.apply(t, 0, Progress.NONE).steps()).as("the same design again").isEmpty();
            var red = t.namespaces().get("red");
            List<List<String>> run = new ArrayList<>(red.run());
            run.set(1, List.of("sleep", "2000"));
            Map<String, org.nslab.engine.model.Namespace> ns = new java.util.TreeMap<>(t.namespaces());
            ns.put("red", red.withRun(run));
            ApplyResult changed = applier.apply(t.withNamespaces(ns), 0, Progress.NONE);
            assertThat(changed.steps()).hasSize(2).anyMatch(s -> s.startsWith("stop red[1]")).anyMatch(s -> s.startsWith("start red[1]"));
            assertThat(entry(applier, "red", 0).pid()).isEqualTo(server);
            assertThat(entry(applier, "red", 0).running()).isTrue();
            assertThat(entry(applier, "red", 1).pid()).isNotEqualTo(sleeper);
            assertThat(ProcessHandle.of(sleeper).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            applier.teardown("runs", 0, Progress.NONE);
        }
    }

    @Test
    void teardownAlsoStopsProcessesNobodyRecorded() throws Exception {
        Topology t = ApplierKernelTest.load(DESIGN).withNamespaces(Map.of("red", org.nslab.engine.model.Namespace.empty()));
        Applier applier = Applier.onThisMachine();
        applier.apply(t.withVeths(List.of()), 0, Progress.NONE);
        Process stray = new ProcessBuilder("ip", "netns", "exec", "runs-red", "sleep", "1000").start();
        try {
            // Until ip has exec'd sleep: before that the process in the namespace is still called ip.
            eventually(() -> new Sh(HostSnapshot.processesInLabNamespaces().stream().anyMatch(p -> p.contains(" sleep ")) ? 0 : 1, ""));
            assertThat(HostSnapshot.processesInLabNamespaces()).anyMatch(p -> p.contains(" sleep "));
        } finally {
            TeardownResult r = applier.teardown("runs", 0, Progress.NONE);
            assertThat(r.leftovers()).isEmpty();
        }
        assertThat(stray.waitFor()).isEqualTo(143);
    }
}
