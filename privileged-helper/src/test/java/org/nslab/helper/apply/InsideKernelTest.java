package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/** Host names (a UTS namespace per lab namespace) and hosts files under /etc/netns, against the real kernel. */
@KernelTest
class InsideKernelTest {
    private static final Path DESIGN = Path.of("src/test/resources/inside/names.nslab.json");

    private static String inNode(String netns, String... command) {
        String[] full = new String[command.length + 3];
        full[0] = "nsenter";
        full[1] = "--net=/run/netns/" + netns;
        full[2] = "--uts=/run/nslab/uts/" + netns;
        System.arraycopy(command, 0, full, 3, command.length);
        return Sh.ok(full).trim();
    }

    @Test
    void hostNamesAndEveryNodeIdResolveInsideTheLab() throws Exception {
        Topology t = ApplierKernelTest.load(DESIGN);
        Applier applier = Applier.onThisMachine();
        applier.apply(t, 0, Progress.NONE);
        try {
            assertThat(inNode("names-red", "hostname")).isEqualTo("red-host");
            assertThat(inNode("names-blue", "hostname")).isEqualTo("blue");
            // The machine's own name is untouched, and a namespace without hostname has no UTS namespace.
            assertThat(Sh.ok("hostname").trim()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).trim());
            assertThat(Path.of("/run/nslab/uts/names-sw")).doesNotExist();
            for (String ns : new String[] {"names-red", "names-blue", "names-sw"}) {
                assertThat(Sh.ok("ip", "netns", "exec", ns, "getent", "hosts", "red")).startsWith("10.0.1.2 ");
                assertThat(Sh.ok("ip", "netns", "exec", ns, "getent", "hosts", "blue")).startsWith("10.0.1.3 ");
                assertThat(Sh.ok("ip", "netns", "exec", ns, "getent", "hosts", "br0")).startsWith("10.0.1.1 ");
            }
            assertThat(Sh.ok("ip", "netns", "exec", "names-red", "getent", "hosts", "gw")).startsWith("10.0.1.254 ");
            assertThat(Sh.ok("ip", "netns", "exec", "names-red", "getent", "ahostsv4", "db.lab.test")).contains("10.0.1.9");
            assertThat(Files.readString(Path.of("/etc/netns/names-red/hosts"))).contains("fd00::9 db.lab.test\n");
            assertThat(Sh.run("ip", "netns", "exec", "names-blue", "getent", "hosts", "gw").code()).as("gw is red's own entry").isNotZero();
            assertThat(Sh.ok("ip", "netns", "exec", "names-red", "ping", "-c1", "-W2", "blue")).contains("1 received");
            assertThat(applier.status("names", null).drifts()).isEmpty();
        } finally {
            applier.teardown("names", 0, Progress.NONE);
        }
        assertThat(Path.of("/etc/netns/names-red")).doesNotExist();
        assertThat(Path.of("/run/nslab/uts/names-red")).doesNotExist();
    }

    @Test
    void driftIsReportedAndReapplyRepairsIt() throws Exception {
        Topology t = ApplierKernelTest.load(DESIGN);
        Applier applier = Applier.onThisMachine();
        applier.apply(t, 0, Progress.NONE);
        try {
            Files.delete(Path.of("/etc/netns/names-blue/hosts"));
            Sh.ok("nsenter", "--uts=/run/nslab/uts/names-red", "hostname", "changed");
            assertThat(applier.status("names", null).drifts()).extracting(Drift::format).containsExactlyInAnyOrder(
                    "different host name of names-red: is changed, the design has red-host",
                    "missing hosts file /etc/netns/names-blue/hosts");
            applier.apply(t, 0, Progress.NONE);
            assertThat(applier.status("names", null).drifts()).isEmpty();
            assertThat(inNode("names-red", "hostname")).isEqualTo("red-host");
            assertThat(Sh.ok("ip", "netns", "exec", "names-blue", "getent", "hosts", "red")).startsWith("10.0.1.2 ");
        } finally {
            applier.teardown("names", 0, Progress.NONE);
        }
    }

    @Test
    void aChangedDesignChangesOnlyWhatChanged() throws Exception {
        Topology t = ApplierKernelTest.load(DESIGN);
        Applier applier = Applier.onThisMachine();
        applier.apply(t, 0, Progress.NONE);
        try {
            var red = t.namespaces().get("red");
            Topology renamed = t.withNamespaces(new java.util.TreeMap<>(Map.of("red", red.withHostname("crimson").withHosts(Map.of()),
                    "blue", t.namespaces().get("blue").withHostname(null), "sw", t.namespaces().get("sw"))));
            ApplyResult r = applier.apply(renamed, 0, Progress.NONE);
            assertThat(r.changes()).isGreaterThan(0);
            assertThat(inNode("names-red", "hostname")).isEqualTo("crimson");
            assertThat(Path.of("/run/nslab/uts/names-blue")).doesNotExist();
            assertThat(Sh.run("ip", "netns", "exec", "names-red", "getent", "hosts", "gw").code()).isNotZero();
            assertThat(applier.status("names", null).drifts()).isEmpty();
            ApplyResult off = applier.apply(renamed.withEtcHosts(false), 0, Progress.NONE);
            assertThat(off.changes()).isEqualTo(3);
            assertThat(Path.of("/etc/netns/names-red")).doesNotExist();
        } finally {
            applier.teardown("names", 0, Progress.NONE);
        }
    }

    @Test
    void aHostsFileTheLabDidNotWriteIsAConflictRefusedBeforeAnyChange() throws Exception {
        Topology t = ApplierKernelTest.load(DESIGN);
        Files.createDirectories(Path.of("/etc/netns/names-blue"));
        Files.writeString(Path.of("/etc/netns/names-blue/hosts"), "10.9.9.9 theirs\n");
        try {
            String before = ApplierKernelTest.hostState();
            ApplyException e = catchThrowableOfType(ApplyException.class, () -> Applier.onThisMachine().apply(t, 0, Progress.NONE));
            assertThat(e.reason()).isEqualTo(ApplyException.Reason.CONFLICT);
            assertThat(e.getMessage()).contains("/etc/netns/names-blue/hosts");
            assertThat(ApplierKernelTest.hostState()).isEqualTo(before);
            assertThat(Files.readString(Path.of("/etc/netns/names-blue/hosts"))).isEqualTo("10.9.9.9 theirs\n");
        } finally {
            Files.delete(Path.of("/etc/netns/names-blue/hosts"));
            Files.delete(Path.of("/etc/netns/names-blue"));
        }
    }

    @Test
    void aRefusedStepRollsBackHostNamesAndHostsFilesToo() throws Exception {
        Topology t = ApplierKernelTest.load(DESIGN);
        String before = HostSnapshot.take().toString();
        int steps = org.nslab.engine.plan.Planner.apply(t).size();
        // The last step is the last hosts file: everything before it, UTS namespaces and files included, is undone.
        Applier faulty = new Applier(new LabStore(), new FaultyKernel(new LinuxKernel(), steps, false), new PlannerPlans());
        ApplyException e = catchThrowableOfType(ApplyException.class, () -> faulty.apply(t, 0, Progress.NONE));
        assertThat(e.reason()).isEqualTo(ApplyException.Reason.REFUSED);
        assertThat(HostSnapshot.take().toString()).isEqualTo(before);
    }
}
