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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.net.Family;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/** Apply, status and teardown against the real kernel (in the test sandbox), checked with ip, iptables-save, ping and nc. */
@KernelTest
class ApplierKernelTest {
    static final Path EXAMPLES = Path.of("../assets/examples");

    static Topology load(Path file) {
        LoadResult r = TopologyJson.load(file);
        assertThat(r.problems()).as(file.toString()).isEmpty();
        return withGroupsOfThisMachine(r.topology());
    }

    /** A TUN's group must exist here (the kernel side resolves it); a machine without it gets root's group. */
    static Topology withGroupsOfThisMachine(Topology t) {
        Map<String, org.nslab.engine.model.Tun> tuns = new java.util.TreeMap<>();
        t.tuns().forEach((id, tun) -> {
            boolean known = tun.group() == null || Sh.run("getent", "group", tun.group()).code() == 0;
            tuns.put(id, known ? tun : new org.nslab.engine.model.Tun(tun.namespace(), tun.mode(), tun.ifname(), tun.addresses(),
                    tun.owner(), "root", tun.multiQueue(), tun.up()));
        });
        return t.withTuns(tuns);
    }

    static Topology faults() {
        return load(Path.of("src/test/resources/apply/faults.nslab.json"));
    }

    static Stream<Path> examples() throws Exception {
        try (Stream<Path> s = Files.list(EXAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".nslab.json")).sorted().toList().stream();
        }
    }

    static Applier applier(String lab) {
        return Applier.onThisMachine();
    }

    /** An applier for this machine that has just applied {@code t}. */
    static Applier applied(Topology t) throws Exception {
        Applier applier = applier(t.name());
        applier.apply(t, 0, Progress.NONE);
        return applier;
    }

    /** Kernel-visible state a test compares before and after: the residue snapshot plus host routes and sysctls. */
    static String hostState() {
        return HostSnapshot.take() + "\n" + Sh.ok("ip", "-4", "route", "show", "table", "all") + Sh.ok("ip", "-6", "route", "show")
                + Sh.sysctl("host", "net.ipv4.ip_forward");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleAppliesMatchesAndTearsDown(Path file) throws Exception {
        Topology t = load(file);
        Applier applier = applier(t.name());
        ApplyResult result = applier.apply(t, 0, Progress.NONE);
        List<Operation> plan = Planner.apply(t);
        // The plan, plus the sysctls that keep a lab's own bridges plain switches where br_netfilter is loaded.
        assertThat(result.changes()).isGreaterThanOrEqualTo(plan.size());
        try {
            verifyWithTools(plan);
            assertThat(applier.status(t.name(), null).drifts()).isEmpty();
            assertThat(applier.status(t.name(), t).matches()).isTrue();
            assertThat(applier.apply(t, 0, Progress.NONE).changes()).as("same design twice").isZero();
            for (var check : t.checks()) {
                if (!check.protoOrDefault().equals("icmp")) continue;
                assertThat(Sh.ping(t.kernelName(check.from()), check.to())).as("ping %s -> %s", check.from(), check.to())
                        .isEqualTo(check.expect().equals("reach"));
            }
        } finally {
            assertThat(applier.teardown(t.name(), 0, Progress.NONE).leftovers()).isEmpty();
        }
        assertThat(applier.teardown(t.name(), 0, Progress.NONE).wasApplied()).as("second teardown").isFalse();
    }

    /** Every step's effect, read back with ip, /proc/sys and iptables-save rather than through the applier. */
    static void verifyWithTools(List<Operation> plan) {
        for (Operation op : plan) {
            switch (op) {
                case Operation.CreateNamespace c -> assertThat(Sh.ok("ip", "netns", "list")).contains(c.netns());
                case Operation.CreateBridge b -> assertThat(ipj(b.netns(), "link", "show", b.ifname()))
                        .contains("\"ifname\":\"" + b.ifname() + "\"").contains("nslab:");
                case Operation.CreateVeth v -> {
                    assertThat(ipj(v.a().netns(), "link", "show", v.a().ifname())).contains("\"ifname\":\"" + v.a().ifname() + "\"");
                    assertThat(ipj(v.b().netns(), "link", "show", v.b().ifname())).contains("\"ifname\":\"" + v.b().ifname() + "\"");
                }
                case Operation.SetUp s -> assertThat(ipj(s.netns(), "link", "show", s.ifname())).contains("\"UP\"");
                case Operation.AddAddress a -> assertThat(ipj(a.netns(), "addr", "show", "dev", a.ifname()))
                        .contains("\"local\":\"" + a.cidr().address() + "\"");
                case Operation.AddRoute r -> assertThat(ipj(r.netns(), r.ipv6() ? "-6" : "-4", "route", "show"))
                        .contains("\"dst\":\"" + Operation.Routes.text(r.to()) + "\"");
                case Operation.SetSysctl s -> assertThat(Sh.sysctl(s.netns(), s.key())).isEqualTo(s.value());
                case Operation.LoadFirewall f -> {
                    String save = f.netns().equals("host") ? Sh.ok("iptables-save") : Sh.ok("ip", "netns", "exec", f.netns(),
                            f.family() == Family.IPV4 ? "iptables-save" : "ip6tables-save");
                    long want = f.restoreInput().lines().filter(l -> l.startsWith("-A ")).count();
                    assertThat(save.lines().filter(l -> l.startsWith("-A ")).count()).as(op.describe()).isGreaterThanOrEqualTo(want);
                }
                default -> { }
            }
        }
    }

    static String ipj(String netns, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "-j", "-d"));
        if (!netns.equals("host")) cmd.addAll(List.of("-n", netns));
        cmd.addAll(List.of(args));
        return Sh.ok(cmd.toArray(String[]::new));
    }

    @Test
    void driftIsReportedAndReapplyRepairsIt() throws Exception {
        Topology t = load(EXAMPLES.resolve("bridge.nslab.json"));
        Applier applier = applied(t);
        try {
            assertThat(Sh.ping("bridge-top", "1.2.3.102")).isTrue();
            Sh.ok("ip", "-n", "bridge-guest", "addr", "del", "1.2.3.102/24", "dev", "eth0");
            Sh.ok("ip", "-n", "bridge-top", "link", "set", "veth-br0", "down");
            Sh.ok("ip", "-n", "bridge-guest", "addr", "add", "192.0.2.7/24", "dev", "eth0");
            StatusReport status = applier.status(t.name(), null);
            assertThat(status.matches()).isFalse();
            assertThat(status.drifts()).extracting(Drift::format).contains(
                    "missing address 1.2.3.102/24 on eth0 in bridge-guest",
                    "different link veth-br0 in bridge-top: is down",
                    "extra address 192.0.2.7/24 on eth0 in bridge-guest: not in the design");
            assertThat(status.toJson()).contains("\"kind\" : \"missing\"");
            assertThat(Sh.ping("bridge-top", "1.2.3.102")).isFalse();

            ApplyResult repair = applier.apply(t, 0, Progress.NONE);
            assertThat(repair.steps()).containsExactlyInAnyOrder("delete address 192.0.2.7/24 from eth0 in bridge-guest",
                    "add address 1.2.3.102/24 to eth0 in bridge-guest", "set veth-br0 up in bridge-top");
            assertThat(Sh.ok("ip", "-n", "bridge-guest", "addr", "show", "dev", "eth0")).doesNotContain("192.0.2.7");
            assertThat(applier.status(t.name(), null).drifts()).isEmpty();
            assertThat(applier.apply(t, 0, Progress.NONE).changes()).isZero();
            assertThat(Sh.ping("bridge-top", "1.2.3.102")).isTrue();
        } finally {
            applier.teardown(t.name(), 0, Progress.NONE);
        }
    }

    @Test
    void incrementalApplyLeavesUnchangedNamespacesAlone() throws Exception {
        Topology t = load(EXAMPLES.resolve("bridge.nslab.json"));
        Applier applier = applied(t);
        Process listener = new ProcessBuilder("ip", "netns", "exec", "bridge-guest", "nc", "-lk", "1.2.3.102", "5555")
                .redirectErrorStream(true).start();
        try {
            Thread.sleep(300);
            Map<String, Namespace> namespaces = new java.util.TreeMap<>(t.namespaces());
            namespaces.put("second", Namespace.empty());
            List<Veth> veths = new java.util.ArrayList<>(t.veths());
            veths.add(new Veth(new VethEnd(null, "br0", "veth-second", List.of(), null, null, null),
                    new VethEnd("second", null, "eth0", List.of("1.2.3.103/24"), null, null, null)));
            Topology bigger = t.withNamespaces(namespaces).withVeths(veths);

            ApplyResult result = applier.apply(bigger, 0, Progress.NONE);
            // Its hosts file gains the new node (a file under /etc/netns, nothing in the namespace itself).
            assertThat(result.steps()).isNotEmpty().noneMatch(s -> s.contains("bridge-guest") && !s.equals("write the hosts file of bridge-guest"));
            assertThat(listener.isAlive()).as("listener in the unchanged namespace").isTrue();
            assertThat(Sh.run("ip", "netns", "exec", "bridge-second", "nc", "-z", "-w", "2", "1.2.3.102", "5555").code())
                    .as("connect from the new namespace to the old listener").isZero();
            assertThat(applier.status(t.name(), bigger).matches()).isTrue();

            ApplyResult back = applier.apply(t, 0, Progress.NONE);
            // The hosts files of the others lose the node: files under /etc/netns, nothing in their namespaces. The
            // bridge port whose peer goes with the namespace is deleted first, so it is gone when apply returns.
            assertThat(back.steps()).containsExactlyInAnyOrder("remove the hosts file of bridge-second", "delete link veth-second in bridge-top",
                    "delete namespace bridge-second", "write the hosts file of bridge-guest", "write the hosts file of bridge-top");
            assertThat(listener.isAlive()).isTrue();
        } finally {
            listener.destroy();
            listener.waitFor(5, TimeUnit.SECONDS);
            applier.teardown(t.name(), 0, Progress.NONE);
        }
    }

    @ParameterizedTest(name = "with a foreign device in the lab's group: {0}")
    @ValueSource(booleans = {false, true})
    void teardownDeletesHostLinksByGroupButNeverAForeignDeviceInIt(boolean foreign) throws Exception {
        Topology t = org.nslab.engine.generate.TopologyGenerator.linear("grp", 3);
        Applier applier = applied(t);
        assertThat(Sh.ok("ip", "-d", "link", "show")).contains("nslab:grp");
        int group = org.nslab.helper.kernel.LinkGroups.groupOf(t.name());
        if (foreign) Sh.ok("ip", "link", "add", "grpforeign", "group", Integer.toUnsignedString(group), "type", "bridge");
        TeardownResult r = applier.teardown(t.name(), 0, Progress.NONE);
        assertThat(r.leftovers()).isEmpty();
        String links = Sh.ok("ip", "-d", "link", "show");
        assertThat(links).doesNotContain("nslab:grp");
        if (foreign) {
            assertThat(links).contains("grpforeign");
            Sh.ok("ip", "link", "del", "grpforeign");
        }
    }

    @ParameterizedTest(name = "with a namespace held open from outside: {0}")
    @ValueSource(booleans = {false, true})
    void teardownLeavesNoHostEndEvenWhenAProcessKeepsALabNamespaceAlive(boolean held) throws Exception {
        Topology t = org.nslab.engine.generate.TopologyGenerator.star("hold", 4);
        Applier applier = applied(t);
        String heldNs = t.kernelName(t.namespaces().keySet().iterator().next());
        // A process outside the lab that holds the namespace open (teardown stops the processes inside it,
        // but not one elsewhere with a descriptor of it).
        Process holder = held ? new ProcessBuilder("sleep", "60").redirectInput(Path.of("/run/netns", heldNs).toFile()).start() : null;
        try {
            TeardownResult r = applier.teardown(t.name(), 0, Progress.NONE);
            assertThat(r.leftovers()).isEmpty();
            // Right as teardown returns: the host ends died with their namespaces, or, where a process keeps
            // one alive, were deleted (taking the pair, so the kept namespace holds no lab link either).
            assertThat(Sh.ok("ip", "-d", "link", "show")).doesNotContain("nslab:hold");
            if (holder != null) {
                assertThat(Sh.ok("nsenter", "--net=/proc/" + holder.pid() + "/fd/0", "ip", "-d", "link", "show"))
                        .doesNotContain("nslab:hold");
            }
        } finally {
            if (holder != null) {
                holder.destroy();
                holder.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void bridgesAndTheirPortsStayQuietOnIpv6UnlessTheDesignGivesABridgeAnIpv6Address() throws Exception {
        Topology t = org.nslab.engine.generate.TopologyGenerator.linear("q6", 2);
        Map<String, org.nslab.engine.model.Bridge> bridges = new java.util.TreeMap<>(t.bridges());
        bridges.put("s2", new org.nslab.engine.model.Bridge(null, "q6-s2", List.of("fd00:66::1/64"), null, null));
        t = t.withBridges(bridges);
        Applier applier = applied(t);
        try {
            // IPv6 off on the switch without IPv6 and on every port: no address, no route, nothing for the chain to flood.
            for (String quiet : List.of("q6-s1", "q6-s1h", "q6-s1r", "q6-s2l", "q6-s2h")) {
                assertThat(Sh.ok("ip", "-6", "-o", "addr", "show", "dev", quiet)).as(quiet).isEmpty();
                assertThat(Sh.ok("ip", "-6", "route", "show", "table", "all", "dev", quiet)).as(quiet).isEmpty();
                assertThat(Sh.sysctl("host", "net.ipv6.conf." + quiet + ".disable_ipv6")).as(quiet).isEqualTo("1");
                assertThat(Sh.ok("ip", "link", "show", "dev", quiet)).as(quiet).contains("state UP");
            }
            assertThat(Sh.ok("ip", "-6", "-o", "addr", "show", "dev", "q6-s2")).contains("fd00:66::1/64", "fe80::");
        } finally {
            assertThat(applier.teardown(t.name(), 0, Progress.NONE).leftovers()).isEmpty();
        }
    }

    @Test
    void teardownNeedsNoDesignFile() throws Exception {
        Path dir = Files.createTempDirectory("nslab-design");
        Path file = dir.resolve("bridge.nslab.json");
        Files.copy(EXAMPLES.resolve("bridge.nslab.json"), file);
        Topology t = load(file);
        applier(t.name()).apply(t, 0, Progress.NONE);
        Files.delete(file);
        Files.delete(dir);
        TeardownResult r = applier("bridge").teardown("bridge", 0, Progress.NONE);
        assertThat(r.wasApplied()).isTrue();
        assertThat(r.leftovers()).isEmpty();
        assertThat(Sh.ok("ip", "netns", "list")).doesNotContain("bridge-");
    }

    @Test
    void aForeignNamespaceOrLinkIsRefusedAndLeftAlone() throws Exception {
        Topology t = faults();
        Sh.ok("ip", "netns", "add", "faults-b");
        Sh.ok("ip", "-n", "faults-b", "link", "add", "mine", "type", "bridge");
        String before = hostState();
        try {
            ApplyException e = catchThrowableOfType(ApplyException.class, () -> applier(t.name()).apply(t, 0, Progress.NONE));
            assertThat(e.reason()).isEqualTo(ApplyException.Reason.CONFLICT);
            assertThat(e.getMessage()).contains("namespace faults-b");
            assertThat(hostState()).isEqualTo(before);
            assertThat(Sh.ok("ip", "-n", "faults-b", "link", "show", "mine")).contains("mine");
        } finally {
            Sh.ok("ip", "netns", "delete", "faults-b");
        }
        Sh.ok("ip", "link", "add", "br-f", "type", "bridge");
        before = hostState();
        try {
            ApplyException e = catchThrowableOfType(ApplyException.class, () -> applier(t.name()).apply(t, 0, Progress.NONE));
            assertThat(e.reason()).isEqualTo(ApplyException.Reason.CONFLICT);
            assertThat(e.details()).contains("link br-f in host already exists and does not belong to lab faults");
            assertThat(hostState()).isEqualTo(before);
        } finally {
            Sh.ok("ip", "link", "delete", "br-f");
        }
    }

    @Test
    void theMachinesOwnRulesAndSysctlsAreUnchangedAfterApplyAndTeardown() throws Exception {
        String pristine = Sh.ok("iptables-save");
        Sh.ok("iptables", "-N", "MACHINE");
        Sh.ok("iptables", "-A", "MACHINE", "-s", "192.0.2.1", "-j", "DROP");
        Sh.ok("iptables", "-A", "INPUT", "-j", "MACHINE");
        Sh.ok("iptables", "-t", "nat", "-A", "POSTROUTING", "-s", "198.51.100.0/24", "-j", "MASQUERADE");
        Sh.ok("iptables", "-P", "OUTPUT", "ACCEPT");
        String before = hostState();
        String machineRules = Sh.ok("iptables-save").lines().filter(l -> l.startsWith("-A")).toList().toString();
        Topology t = faults();
        Applier applier = applier(t.name());
        try {
            applier.apply(t, 0, Progress.NONE);
            String during = Sh.ok("iptables-save");
            assertThat(during).contains(":NSLAB-faults-1").contains("-A INPUT -m comment --comment \"nslab:faults\" -j NSLAB-faults-1");
            for (String rule : machineRules.substring(1, machineRules.length() - 1).split(", ")) assertThat(during).contains(rule);
            assertThat(Sh.sysctl("host", "net.ipv4.ip_forward")).isEqualTo("1");
            assertThat(Sh.ok("ip", "route")).contains("10.8.0.0/16 via 10.0.0.1");
            assertThat(applier.status(t.name(), null).drifts()).isEmpty();
            assertThat(Sh.ping("faults-a", "10.0.0.2")).isTrue();
            assertThat(Sh.ping("faults-a", "10.1.0.2")).isTrue();

            Sh.ok("iptables", "-F", applier.store().read("faults").orElseThrow().undo().stream()
                    .filter(o -> o instanceof Operation.UnloadFirewall).map(o -> ((Operation.UnloadFirewall) o).ownedChains().get(0))
                    .findFirst().orElseThrow());
            assertThat(applier.status(t.name(), null).drifts()).extracting(Drift::format)
                    .containsExactly("different iptables rules in host: changed since apply");
            applier.apply(t, 0, Progress.NONE);
            assertThat(applier.status(t.name(), null).drifts()).isEmpty();
            assertThat(Sh.ok("iptables-save").lines().filter(l -> l.endsWith("-j NSLAB-faults-1")).count()).as("one jump after repair").isEqualTo(1);
        } finally {
            applier.teardown(t.name(), 0, Progress.NONE);
        }
        assertThat(hostState()).isEqualTo(before);
        Sh.ok("iptables", "-D", "INPUT", "-j", "MACHINE");
        Sh.ok("iptables", "-F", "MACHINE");
        Sh.ok("iptables", "-X", "MACHINE");
        Sh.ok("iptables", "-t", "nat", "-F", "POSTROUTING");
        dropTablesNotIn(pristine);
    }

    /** iptables-nft keeps a table once something used it: drop those this test brought into existence. */
    static void dropTablesNotIn(String saveBefore) {
        for (String table : List.of("filter", "nat")) {
            if (!saveBefore.contains("*" + table + "\n")) Sh.run("nft", "delete", "table", "ip", table);
        }
    }

    @Test
    void aDockerStyleForwardDropStillLetsTheLabsBridgeForward() throws Exception {
        try (DockerStyleForward host = DockerStyleForward.on()) {
            String before = hostState();
            Topology t = faults();
            Applier applier = applier(t.name());
            try {
                applier.apply(t, 0, Progress.NONE);
                assertThat(Sh.ok("iptables-save")).contains("-A NSLAB-faults-fwd -i br-f -o br-f -j ACCEPT")
                        .contains("-A FORWARD -j NSLAB-faults-fwd");
                assertThat(Sh.ping("faults-a", "10.0.0.2")).as("across the host bridge").isTrue();
                assertThat(applier.status(t.name(), null).drifts()).isEmpty();
                // Without the lab's chain the host's policy drops the bridged frames: the chain is what makes it work.
                Sh.ok("iptables", "-D", "FORWARD", "-j", "NSLAB-faults-fwd");
                assertThat(Sh.ping("faults-a", "10.0.0.2")).isFalse();
                assertThat(applier.status(t.name(), null).matches()).isFalse();
                applier.apply(t, 0, Progress.NONE);
                assertThat(Sh.ping("faults-a", "10.0.0.2")).isTrue();
            } finally {
                applier.teardown(t.name(), 0, Progress.NONE);
                assertThat(hostState()).isEqualTo(before);
            }
        }
    }

    @Test
    void aRefusalAtEveryStepLeavesTheMachineAsItWas() throws Exception {
        Topology t = faults();
        int steps = Planner.apply(t).size();
        assertThat(steps).isGreaterThanOrEqualTo(20);
        String before = hostState();
        for (int k = 1; k <= steps; k++) {
            Applier applier = new Applier(new LabStore(), new FaultyKernel(new LinuxKernel(), k, false), new PlannerPlans());
            ApplyException e = catchThrowableOfType(ApplyException.class, () -> applier.apply(t, 0, Progress.NONE));
            assertThat(e).as("refusal at step %d", k).isNotNull();
            assertThat(e.errno()).isEqualTo("ENOBUFS");
            assertThat(hostState()).as("after a refusal at step %d", k).isEqualTo(before);
        }
    }

    @Test
    void theKernelsOwnRefusalsInOneBatchAreReportedWithTheirErrnoAndRolledBack() throws Exception {
        Topology t = faults();
        String before = hostState();
        // Names the kernel refuses only at the last moment: objects that appear between planning and the batch,
        // in the namespace wave (made by several threads at once), the link wave and the route wave.
        List<List<List<String>>> races = List.of(
                List.of(List.of("ip", "netns", "add", "faults-b"), List.of("ip", "netns", "delete", "faults-b")),
                List.of(List.of("ip", "link", "add", "fb", "type", "bridge"), List.of("ip", "link", "delete", "fb")),
                List.of(List.of("ip", "route", "add", "10.8.0.0/16", "dev", "lo"), List.of("ip", "route", "delete", "10.8.0.0/16", "dev", "lo")));
        for (List<List<String>> race : races) {
            Kernel racing = new FaultyKernel(new LinuxKernel(), -1, false) {
                private boolean raced;

                @Override
                public void execute(String lab, List<Operation> steps, java.util.function.IntConsumer done) throws StepFailedException {
                    if (!raced) Sh.ok(race.get(0).toArray(String[]::new)); // before the apply's batch, not its rollback
                    raced = true;
                    super.execute(lab, steps, done);
                }
            };
            ApplyException e = catchThrowableOfType(ApplyException.class,
                    () -> new Applier(new LabStore(), racing, new PlannerPlans()).apply(t, 0, Progress.NONE));
            Sh.ok(race.get(1).toArray(String[]::new));
            assertThat(e).as(String.join(" ", race.get(0))).isNotNull();
            assertThat(e.reason()).isEqualTo(ApplyException.Reason.REFUSED);
            assertThat(e.errno()).isEqualTo("EEXIST");
            assertThat(hostState()).as("after " + String.join(" ", race.get(0))).isEqualTo(before);
        }
    }

    @Test
    void aCrashAtAnyStepIsRolledBackByRecovery() throws Exception {
        Topology t = faults();
        int steps = Planner.apply(t).size();
        String before = hostState();
        for (int k = 1; k <= steps; k += 3) {
            Applier crashing = new Applier(new LabStore(), new FaultyKernel(new LinuxKernel(), k, true), new PlannerPlans());
            assertThatThrownBy(() -> crashing.apply(t, 0, Progress.NONE)).isInstanceOf(FakeKernel.Crash.class);
            assertThat(new LabStore().journaled()).containsExactly("faults");
            assertThat(Applier.onThisMachine().recover()).containsExactly("faults");
            assertThat(hostState()).as("after a crash at step %d", k).isEqualTo(before);
        }
    }
}
