package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.AddRoute;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateNamespace;
import org.nslab.engine.plan.Operation.CreateVeth;
import org.nslab.engine.plan.Operation.DeleteNamespace;
import org.nslab.engine.plan.Operation.LoadFirewall;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation.VethSide;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.testing.KernelTest;

@KernelTest
class KernelExecutorTest {

    /** A star: one bridge in a core namespace, n leaves each wired to it with an address and a default route. */
    private static List<Operation> star(int n) {
        List<Operation> ops = new ArrayList<>();
        ops.add(new CreateNamespace("ex-core"));
        for (int i = 0; i < n; i++) ops.add(new CreateNamespace("ex-leaf" + i));
        ops.add(new CreateBridge("ex-core", "br0", null, false));
        for (int i = 0; i < n; i++) {
            ops.add(new CreateVeth(new VethSide("ex-leaf" + i, "eth0", null, null, true, null),
                    new VethSide("ex-core", "port" + i, null, null, true, "br0")));
        }
        ops.add(new SetUp("ex-core", "br0"));
        ops.add(new AddAddress("ex-core", "br0", Cidr.parse("10.20.0.254/24")));
        for (int i = 0; i < n; i++) ops.add(new AddAddress("ex-leaf" + i, "eth0", Cidr.parse("10.20.0." + (i + 1) + "/24")));
        for (int i = 0; i < n; i++) ops.add(new AddRoute("ex-leaf" + i, Operation.Routes.defaultOf(Family.IPV4), IpAddress.parse("10.20.0.254"), null, null));
        ops.add(new SetSysctl("ex-core", "net.ipv4.ip_forward", "1"));
        return ops;
    }

    private static List<Operation> teardown(int n) {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) ops.add(new DeleteNamespace("ex-leaf" + i));
        ops.add(new DeleteNamespace("ex-core"));
        return ops;
    }

    @Test
    void aWholePlanRunsInOrderAndReportsEveryStep() throws Exception {
        List<Operation> plan = star(5);
        List<Operation> reported = new ArrayList<>();
        try (KernelExecutor ex = KernelExecutor.forLab("star")) {
            ex.executeAll(plan, (op, done, total) -> {
                reported.add(op);
                assertThat(done).isEqualTo(reported.size());
                assertThat(total).isEqualTo(plan.size());
            });
            assertThat(reported).containsExactlyInAnyOrderElementsOf(plan);

            assertThat(Ip.link("ex-core", "port3").get("master").asText()).isEqualTo("br0");
            assertThat(Ip.exec("ex-leaf0", "ping", "-c1", "-W1", "10.20.0.5")).contains("1 received");
            assertThat(Ip.json("ex-leaf2", "route", "show").get(0).get("gateway").asText()).isEqualTo("10.20.0.254");
            assertThat(Sysctl.get("ex-core", "net.ipv4.ip_forward")).isEqualTo("1");
        } finally {
            try (KernelExecutor ex = new KernelExecutor(null)) {
                ex.executeAll(teardown(5), null);
            }
        }
        assertThat(Netns.list()).noneMatch(n -> n.startsWith("ex-"));
    }

    @Test
    void aRefusedStepStopsThePlanAndProgressNamesExactlyWhatWasDone() throws Exception {
        List<Operation> plan = new ArrayList<>(List.of(
                new CreateNamespace("ex-a"), new CreateNamespace("ex-b"),
                new CreateVeth(new VethSide("ex-a", "v0", null, null, true, null), new VethSide("ex-b", "v0", null, null, true, null)),
                new CreateVeth(new VethSide("ex-a", "v1", null, null, true, null), new VethSide("ex-b", "v0", null, null, true, null)),
                new CreateVeth(new VethSide("ex-a", "v2", null, null, true, null), new VethSide("ex-b", "v2", null, null, true, null)),
                new AddAddress("ex-a", "v0", Cidr.parse("10.0.0.1/24"))));
        List<Operation> reported = new ArrayList<>();
        try (KernelExecutor ex = KernelExecutor.forLab("t")) {
            assertThatThrownBy(() -> ex.executeAll(plan, (op, done, total) -> reported.add(op)))
                    .isInstanceOfSatisfying(KernelException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("EEXIST");
                        assertThat(e.object()).isEqualTo("create veth v1 in ex-a (peer v0 in ex-b)");
                        assertThat(e.step()).isEqualTo(3);
                    });
            // The pipelined wave finished the veth after the refused one; the address wave never started.
            assertThat(reported).containsExactlyInAnyOrder(plan.get(0), plan.get(1), plan.get(2), plan.get(4));
            assertThat(Ip.json("ex-a", "addr", "show", "dev", "v0").toString()).doesNotContain("10.0.0.1");
        } finally {
            Netns.delete("ex-a");
            Netns.delete("ex-b");
        }
    }

    @Test
    void namespacesMadeInParallelReportExactlyThoseThatExist() throws Exception {
        Netns.create("ex-p3");
        List<Operation> plan = new ArrayList<>();
        for (int i = 0; i < 12; i++) plan.add(new CreateNamespace("ex-p" + i));
        List<Operation> reported = java.util.Collections.synchronizedList(new ArrayList<>());
        try (KernelExecutor ex = new KernelExecutor(null)) {
            assertThatThrownBy(() -> ex.executeAll(plan, (op, done, total) -> reported.add(op)))
                    .isInstanceOfSatisfying(KernelException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("EEXIST");
                        assertThat(e.step()).isEqualTo(3);
                    });
            for (Operation op : plan) {
                if (op.netns().equals("ex-p3")) continue;
                assertThat(Netns.exists(op.netns())).as(op.netns()).isEqualTo(reported.contains(op));
            }
            assertThat(reported).doesNotContain(plan.get(3));
        } finally {
            for (Operation op : plan) if (Netns.exists(op.netns())) Netns.delete(op.netns());
        }
    }

    @Test
    void setUpStepsOfNewNamespacesAreDoneByTheirCreatorAndARefusalStopsAtThatStep() throws Exception {
        Netns.create("ex-old");
        List<Operation> plan = List.of(
                new CreateNamespace("ex-s0"), new CreateNamespace("ex-s1"),
                new SetUp("ex-s0", "lo"), new SetUp("ex-s1", "lo"), new SetUp("ex-old", "lo"),
                new SetSysctl("ex-s0", "net.ipv6.conf.all.disable_ipv6", "1"),
                new SetSysctl("ex-s1", "net.ipv4.no_such_key", "1"),
                new SetSysctl("ex-old", "net.ipv4.ip_forward", "1"),
                new CreateBridge("ex-s0", "br0", null, false));
        List<Operation> reported = java.util.Collections.synchronizedList(new ArrayList<>());
        try (KernelExecutor ex = new KernelExecutor(null)) {
            assertThatThrownBy(() -> ex.executeAll(plan, (op, done, total) -> reported.add(op)))
                    .isInstanceOfSatisfying(KernelException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("ENOENT");
                        assertThat(e.step()).isEqualTo(6);
                    });
            // The new namespaces' steps ran with their creation, up to the refusal; the old namespace's steps
            // would have come in the waves after it, which never start.
            assertThat(reported).containsExactlyInAnyOrder(plan.get(0), plan.get(1), plan.get(2), plan.get(3), plan.get(5));
            assertThat(Ip.flags(Ip.link("ex-old", "lo"))).doesNotContain("UP");
            assertThat(Ip.flags(Ip.link("ex-s0", "lo"))).contains("UP");
            assertThat(Ip.flags(Ip.link("ex-s1", "lo"))).contains("UP");
            assertThat(Sysctl.get("ex-s0", "net.ipv6.conf.all.disable_ipv6")).isEqualTo("1");
            assertThat(Sysctl.get("ex-old", "net.ipv4.ip_forward")).isEqualTo("0");
            assertThat(Ip.json("ex-s0", "link", "show")).hasSize(1);
        } finally {
            for (String ns : List.of("ex-s0", "ex-s1", "ex-old")) if (Netns.exists(ns)) Netns.delete(ns);
        }
    }

    @Test
    void firewallOperationsAreNotTheExecutorsJob() {
        try (KernelExecutor ex = new KernelExecutor(null)) {
            assertThatThrownBy(() -> ex.execute(new LoadFirewall("host", Family.IPV4, "*filter\nCOMMIT\n", List.of(), true)))
                    .isInstanceOfSatisfying(KernelException.class, e -> {
                        assertThat(e.errnoName()).isEqualTo("EINVAL");
                        assertThat(e.step()).isZero();
                    });
        }
    }
}
