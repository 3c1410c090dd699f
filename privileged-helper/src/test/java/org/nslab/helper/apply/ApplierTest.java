package org.nslab.helper.apply;

import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.Drift;
import org.nslab.engine.lab.StatusReport;
import org.nslab.engine.lab.TeardownResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.model.Bridge;
import org.nslab.engine.model.Chain;
import org.nslab.engine.model.Firewall;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Rule;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.plan.Operation;

/** The applier's transaction logic against an in-memory kernel: every refusal and every crash point. */
class ApplierTest {
    @TempDir
    Path tmp;
    LabStore store;
    FakeKernel kernel;
    Applier applier;
    String pristine;

    @BeforeEach
    void setUp() {
        store = new LabStore(tmp.resolve("nslab/labs"));
        kernel = new FakeKernel("demo");
        applier = new Applier(store, kernel, new SimplePlans());
        pristine = kernel.snapshot();
    }

    static VethEnd end(String ns, String bridge, String name, String... addresses) {
        return new VethEnd(ns, bridge, name, List.of(addresses), null, null, null);
    }

    /** 21 steps: three namespaces, a host bridge, three veths, addresses, routes, a host sysctl and a host chain. */
    static Topology demo() {
        Firewall hostRules = Firewall.of(Map.of("filter", Map.of("INPUT", new Chain(null, List.of(Rule.target("ACCEPT"))))));
        return Topology.empty("demo")
                .withNamespaces(Map.of(
                        "red", Namespace.empty().withRoutes(List.of(new Route("default", "10.0.1.1", null, null))),
                        "blue", Namespace.empty().withRoutes(List.of(new Route("default", "10.0.2.1", null, null))),
                        "router", Namespace.empty().withSysctls(Map.of("net.ipv4.ip_forward", "1")),
                        "host", Namespace.empty().withSysctls(Map.of("net.ipv4.ip_forward", "1")).withFirewall(hostRules)))
                .withBridges(Map.of("br0", new Bridge(null, null, List.of("10.0.1.254/24"), null, null)))
                .withVeths(List.of(
                        new Veth(end("red", null, "eth0", "10.0.1.2/24"), end(null, "br0", "red-p")),
                        new Veth(end("router", null, "eth0", "10.0.1.1/24"), end(null, "br0", "router-p")),
                        new Veth(end("blue", null, "eth0", "10.0.2.2/24"), end("router", null, "eth1", "10.0.2.1/24"))));
    }

    int stepCount() {
        return new SimplePlans().apply(demo()).size();
    }

    void assertNothingLeft() throws Exception {
        assertThat(kernel.snapshot()).isEqualTo(pristine);
        Path root = tmp.resolve("nslab/labs");
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                assertThat(s.toList()).isEmpty();
            }
        }
    }

    @Test
    void appliesEveryStepThenTearsDownToNothing() throws Exception {
        List<String> seen = new ArrayList<>();
        ApplyResult result = applier.apply(demo(), 1000, (i, n, d) -> seen.add(i + "/" + n));
        assertThat(result.changes()).isEqualTo(stepCount()).isGreaterThanOrEqualTo(20);
        assertThat(seen).contains("1/" + stepCount(), stepCount() + "/" + stepCount());
        assertThat(kernel.namespaces).containsExactly("demo-blue", "demo-red", "demo-router");
        assertThat(kernel.sysctls.get("host")).containsEntry("net.ipv4.ip_forward", "1");
        LabState state = store.read("demo").orElseThrow();
        assertThat(state.ownerUid()).isEqualTo(1000);
        assertThat(state.hostSysctls()).containsEntry("net.ipv4.ip_forward", "0");
        assertThat(applier.status("demo", null).matches()).isTrue();

        TeardownResult down = applier.teardown("demo", 1000, Progress.NONE);
        assertThat(down.wasApplied()).isTrue();
        assertThat(down.leftovers()).isEmpty();
        assertNothingLeft();
    }

    @Test
    void sameDesignTwiceMakesNoChange() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        int before = kernel.executed;
        assertThat(applier.apply(demo(), 0, Progress.NONE).changes()).isZero();
        assertThat(kernel.executed).isEqualTo(before);
        applier.teardown("demo", 0, Progress.NONE);
        assertNothingLeft();
    }

    @Test
    void statusFindsDriftAndReapplyRepairsIt() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        kernel.addresses.get("demo-red eth0").clear();
        Observed.Link l = kernel.links.get("demo-blue").get("eth0");
        kernel.links.get("demo-blue").put("eth0", new Observed.Link(l.name(), l.kind(), l.master(), false, l.mtu(), l.mac(), l.alias()));
        kernel.sysctls.get("demo-router").put("net.ipv4.ip_forward", "0");
        kernel.addresses.computeIfAbsent("demo-red eth0", k -> new java.util.TreeSet<>()).add("10.9.9.9/24");

        StatusReport status = applier.status("demo", null);
        assertThat(status.matches()).isFalse();
        assertThat(status.drifts()).extracting(Drift::format).containsExactlyInAnyOrder(
                "missing address 10.0.1.2/24 on eth0 in demo-red",
                "different link eth0 in demo-blue: is down",
                "different sysctl net.ipv4.ip_forward in demo-router: is 0, the design has 1",
                "extra address 10.9.9.9/24 on eth0 in demo-red: not in the design");

        ApplyResult repair = applier.apply(demo(), 0, Progress.NONE);
        assertThat(repair.steps()).containsExactlyInAnyOrder("delete address 10.9.9.9/24 from eth0 in demo-red",
                "add address 10.0.1.2/24 to eth0 in demo-red", "set eth0 up in demo-blue",
                "set sysctl net.ipv4.ip_forward=1 in demo-router");
        assertThat(repair.steps().get(0)).as("the extra address goes before anything is added").startsWith("delete address");
        assertThat(applier.status("demo", null).matches()).isTrue();
        assertThat(applier.apply(demo(), 0, Progress.NONE).changes()).isZero();
        applier.teardown("demo", 0, Progress.NONE);
        assertNothingLeft();
    }

    @Test
    void incrementalApplyTouchesOnlyTheDifference() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        Map<String, Namespace> namespaces = new java.util.TreeMap<>(demo().namespaces());
        namespaces.remove("blue");
        namespaces.put("green", Namespace.empty());
        List<Veth> veths = new ArrayList<>(demo().veths().subList(0, 2));
        veths.add(new Veth(end("green", null, "eth0", "10.0.1.3/24"), end(null, "br0", "green-p")));
        Topology changed = demo().withNamespaces(namespaces).withVeths(veths);

        ApplyResult result = applier.apply(changed, 0, Progress.NONE);
        assertThat(result.steps()).containsExactly(
                "delete namespace demo-blue", "create namespace demo-green", "set lo up in demo-green",
                "create veth demo-green:eth0 <-> host:green-p", "add address 10.0.1.3/24 to eth0 in demo-green");
        assertThat(applier.status("demo", changed).matches()).isTrue();
        applier.teardown("demo", 0, Progress.NONE);
        assertNothingLeft();
    }

    @Test
    void aRefusalAtAnyStepRollsBackEverything() throws Exception {
        int n = stepCount();
        for (int k = 1; k <= n; k++) {
            setUp();
            kernel.refuseAt = k;
            ApplyException e = catchThrowableOfType(ApplyException.class, () -> applier.apply(demo(), 0, Progress.NONE));
            assertThat(e).as("step %d", k).isNotNull();
            assertThat(e.reason()).isEqualTo(ApplyException.Reason.REFUSED);
            assertThat(e.errno()).isEqualTo("EPERM");
            assertThat(e.getMessage()).contains("everything this run created was removed");
            assertNothingLeft();
        }
    }

    @Test
    void aRefusalDuringAnIncrementalApplyKeepsTheAppliedLab() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        String applied = kernel.snapshot();
        Topology bigger = demo().withBridges(Map.of("br0", demo().bridges().get("br0"),
                "br1", new Bridge(null, null, List.of("10.0.3.254/24"), null, null)));
        kernel.refuseAt = kernel.executed + 3;
        assertThatThrownBy(() -> applier.apply(bigger, 0, Progress.NONE)).isInstanceOf(ApplyException.class);
        assertThat(kernel.snapshot()).isEqualTo(applied);
        assertThat(applier.status("demo", null).matches()).isTrue();
        applier.teardown("demo", 0, Progress.NONE);
        assertNothingLeft();
    }

    @Test
    void aCrashAtAnyStepIsUndoneByRecovery() throws Exception {
        int n = stepCount();
        for (int k = 1; k <= n; k++) {
            setUp();
            kernel.crashAt = k;
            assertThatThrownBy(() -> applier.apply(demo(), 0, Progress.NONE)).isInstanceOf(FakeKernel.Crash.class);
            assertThat(store.journaled()).as("step %d", k).containsExactly("demo");
            Applier restarted = new Applier(new LabStore(tmp.resolve("nslab/labs")), kernel, new SimplePlans());
            assertThat(restarted.recover()).containsExactly("demo");
            assertNothingLeft();
        }
    }

    /** The demo without its blue namespace and the veth to it, with a second bridge: a re-apply that deletes a namespace first. */
    static Topology withoutBlue() {
        Map<String, Namespace> ns = new java.util.TreeMap<>(demo().namespaces());
        ns.remove("blue");
        return demo().withNamespaces(ns).withVeths(demo().veths().subList(0, 2)).withBridges(Map.of("br0", demo().bridges().get("br0"),
                "br1", new Bridge(null, null, List.of("10.0.3.254/24"), null, null)));
    }

    @Test
    void aCrashAtAnyStepOfAReapplyThatDeletesANamespaceIsUndoneByRecovery() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        int before = kernel.executed;
        applier.apply(withoutBlue(), 0, Progress.NONE);
        int n = kernel.executed - before;
        assertThat(n).isPositive();
        for (int k = 1; k <= n; k++) {
            setUp();
            applier.apply(demo(), 0, Progress.NONE);
            String applied = kernel.snapshot();
            kernel.crashAt = kernel.executed + k;
            assertThatThrownBy(() -> applier.apply(withoutBlue(), 0, Progress.NONE)).isInstanceOf(FakeKernel.Crash.class);
            kernel.crashAt = -1;
            Applier restarted = new Applier(new LabStore(tmp.resolve("nslab/labs")), kernel, new SimplePlans());
            assertThat(restarted.recover()).as("step %d", k).containsExactly("demo");
            assertThat(kernel.snapshot()).as("step %d", k).isEqualTo(applied);
            assertThat(restarted.status("demo", null).matches()).as("step %d", k).isTrue();
            restarted.teardown("demo", 0, Progress.NONE);
            assertNothingLeft();
        }
    }

    @Test
    void aRefusalAfterAReapplyDeletedANamespacePutsItBack() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        String applied = kernel.snapshot();
        // The namespace goes first; the next step is refused.
        kernel.refuseAt = kernel.executed + 2;
        assertThatThrownBy(() -> applier.apply(withoutBlue(), 0, Progress.NONE)).isInstanceOf(ApplyException.class);
        assertThat(kernel.snapshot()).isEqualTo(applied);
        assertThat(applier.status("demo", null).matches()).isTrue();
        applier.teardown("demo", 0, Progress.NONE);
        assertNothingLeft();
    }

    @Test
    void aCrashAtAnyStepOfTeardownIsFinishedByRecoveryOrByStatus() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        int before = kernel.executed;
        applier.teardown("demo", 0, Progress.NONE);
        int n = kernel.executed - before;
        for (int k = 1; k <= n; k++) {
            setUp();
            applier.apply(demo(), 0, Progress.NONE);
            kernel.crashAt = kernel.executed + k;
            assertThatThrownBy(() -> applier.teardown("demo", 0, Progress.NONE)).isInstanceOf(FakeKernel.Crash.class);
            kernel.crashAt = -1;
            Applier restarted = new Applier(new LabStore(tmp.resolve("nslab/labs")), kernel, new SimplePlans());
            if (k % 2 == 0) assertThat(restarted.recover()).as("step %d", k).containsExactly("demo");
            else assertThat(restarted.status("demo", null).applied()).as("step %d: status finishes it first", k).isFalse();
            assertNothingLeft();
        }
    }

    @Test
    void recoveryLeavesAJournalAloneWhileAnotherProcessHoldsTheLab() throws Exception {
        kernel.crashAt = 9;
        assertThatThrownBy(() -> applier.apply(demo(), 0, Progress.NONE)).isInstanceOf(FakeKernel.Crash.class);
        kernel.crashAt = -1;
        // A journal of a run still going in another process (the daemon starting while a root nslab applies).
        try (LabLock running = LabLock.acquire(store, "demo", "apply", java.time.Duration.ZERO, m -> { })) {
            assertThat(applier.recover()).isEmpty();
            assertThat(store.journaled()).containsExactly("demo");
        }
        assertThat(applier.recover()).containsExactly("demo");
        assertNothingLeft();
    }

    @Test
    void anInterruptedRunIsFinishedBeforeTheNextApply() throws Exception {
        kernel.crashAt = 9;
        assertThatThrownBy(() -> applier.apply(demo(), 0, Progress.NONE)).isInstanceOf(FakeKernel.Crash.class);
        kernel.crashAt = -1;
        assertThat(applier.apply(demo(), 0, Progress.NONE).changes()).isEqualTo(stepCount());
        applier.teardown("demo", 0, Progress.NONE);
        assertNothingLeft();
    }

    @Test
    void aForeignNamespaceIsAConflictAndNothingChanges() {
        kernel.namespaces.add("demo-red");
        kernel.links.put("demo-red", new java.util.TreeMap<>());
        String before = kernel.snapshot();
        ApplyException e = catchThrowableOfType(ApplyException.class, () -> applier.apply(demo(), 0, Progress.NONE));
        assertThat(e.reason()).isEqualTo(ApplyException.Reason.CONFLICT);
        assertThat(e.getMessage()).contains("namespace demo-red");
        assertThat(kernel.executed).isZero();
        assertThat(kernel.snapshot()).isEqualTo(before);
        assertThat(store.labs()).isEmpty();
    }

    @Test
    void aForeignHostLinkIsAConflict() {
        kernel.links.get("host").put("br0", new Observed.Link("br0", "bridge", null, true, 1500, null, null));
        ApplyException e = catchThrowableOfType(ApplyException.class, () -> applier.apply(demo(), 0, Progress.NONE));
        assertThat(e.reason()).isEqualTo(ApplyException.Reason.CONFLICT);
        assertThat(e.details()).contains("link br0 in host already exists and does not belong to lab demo");
        assertThat(kernel.executed).isZero();
    }

    @Test
    void teardownTwiceAndWithoutTheDesign() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        Files.delete(store.dir("demo").resolve(LabStore.DESIGN));
        assertThat(store.read("demo").orElseThrow().design()).isNull();
        assertThat(applier.teardown("demo", 0, Progress.NONE).wasApplied()).isTrue();
        assertNothingLeft();
        assertThat(applier.teardown("demo", 0, Progress.NONE).wasApplied()).isFalse();
        assertNothingLeft();
    }

    @Test
    void hostSysctlGoesBackToTheValueBeforeTheFirstApply() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        Namespace host = demo().namespaces().get("host").withSysctls(Map.of("net.ipv4.ip_forward", "2"));
        Map<String, Namespace> ns = new java.util.TreeMap<>(demo().namespaces());
        ns.put("host", host);
        applier.apply(demo().withNamespaces(ns), 0, Progress.NONE);
        assertThat(kernel.sysctls.get("host")).containsEntry("net.ipv4.ip_forward", "2");
        assertThat(store.read("demo").orElseThrow().hostSysctls()).containsEntry("net.ipv4.ip_forward", "0");
        applier.teardown("demo", 0, Progress.NONE);
        assertNothingLeft();
    }

    @Test
    void removingHostSettingsFromTheDesignUndoesThem() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        Map<String, Namespace> ns = new java.util.TreeMap<>(demo().namespaces());
        ns.remove("host");
        ApplyResult r = applier.apply(demo().withNamespaces(ns), 0, Progress.NONE);
        assertThat(r.steps()).containsExactly("restore sysctl net.ipv4.ip_forward=0 in host",
                "remove lab chains [NSLAB-demo-1] from iptables in host");
        assertThat(kernel.firewalls).isEmpty();
        assertThat(store.read("demo").orElseThrow().undo()).noneMatch(o -> o instanceof Operation.RestoreSysctl);
        applier.teardown("demo", 0, Progress.NONE);
        assertNothingLeft();
    }

    @Test
    void anotherUsersLabIsRefused() throws Exception {
        applier.apply(demo(), 1000, Progress.NONE);
        ApplyException e = catchThrowableOfType(ApplyException.class, () -> applier.teardown("demo", 1001, Progress.NONE));
        assertThat(e.reason()).isEqualTo(ApplyException.Reason.NOT_OWNER);
        applier.teardown("demo", 1000, Progress.NONE);
        assertNothingLeft();
    }

    @Test
    void stateFilesArePrivate() throws Exception {
        applier.apply(demo(), 0, Progress.NONE);
        Path dir = store.dir("demo");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(LabStore.STATE)))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(LabStore.DESIGN)))).isEqualTo("rw-------");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(LabStore.STATE, LabStore.DESIGN);
        }
        applier.teardown("demo", 0, Progress.NONE);
        assertNothingLeft();
    }

    @Test
    void anInvalidDesignChangesNothing() {
        ApplyException e = catchThrowableOfType(ApplyException.class,
                () -> applier.apply(demo().withName(null), 0, Progress.NONE));
        assertThat(e.reason()).isEqualTo(ApplyException.Reason.INVALID);
        assertThat(kernel.executed).isZero();
    }
}
