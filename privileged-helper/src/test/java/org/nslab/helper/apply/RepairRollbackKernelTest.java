package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.KernelTest;

/** A re-apply refused part-way puts back what it removed exactly as it was, foreign routes included. */
@KernelTest
class RepairRollbackKernelTest {
    @RegisterExtension
    final RepairLab lab = new RepairLab();

    @Test
    void foreignRoutesComeBackWithTheirOwnProtocolAndMetric() throws Exception {
        Topology t = lab.topology();
        Sh.ok("ip", "-n", "repair-top", "route", "add", "203.0.113.0/24", "dev", "br0", "proto", "static", "metric", "7");
        Sh.ok("ip", "-n", "repair-top", "route", "add", "198.51.100.0/24", "via", "10.5.0.2");
        // Not the scope an add without a gateway gets by default (link).
        Sh.ok("ip", "-n", "repair-top", "route", "add", "192.0.2.0/24", "dev", "br0", "scope", "global");
        Sh.ok("ip", "-n", "repair-guest", "link", "set", "eth0", "mtu", "1280");
        String before = routes();
        assertThat(before).contains("\"dst\":\"203.0.113.0/24\"").contains("\"protocol\":\"static\"")
                .contains("\"dst\":\"198.51.100.0/24\"").contains("\"protocol\":\"boot\"")
                .contains("\"dst\":\"192.0.2.0/24\",\"dev\":\"br0\",\"protocol\":\"boot\",\"scope\":\"global\"");

        // The re-apply deletes the three routes first, then the kernel refuses its fourth step, the MTU repair.
        Applier refusing = new Applier(new LabStore(), new FaultyKernel(new LinuxKernel(), 4, false), new PlannerPlans());
        ApplyException e = catchThrowableOfType(ApplyException.class, () -> refusing.apply(t, 0, Progress.NONE));
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith("the kernel refused to set mtu 1400 on eth0 in repair-guest");

        assertThat(routes()).isEqualTo(before);
        assertThat(RepairKernelTest.link("repair-guest", "eth0")).contains("\"mtu\":1280");
    }

    @Test
    void recoveryAfterACrashPutsThemBackAsTheyWereToo() throws Exception {
        Topology t = lab.topology();
        Sh.ok("ip", "-n", "repair-top", "route", "add", "203.0.113.0/24", "dev", "br0", "proto", "static", "metric", "7");
        Sh.ok("ip", "-n", "repair-guest", "link", "set", "eth0", "mtu", "1280");
        String before = routes();

        // The undo steps come back from the journal on disk, so the protocol must survive it.
        Applier crashing = new Applier(new LabStore(), new FaultyKernel(new LinuxKernel(), 2, true), new PlannerPlans());
        assertThatThrownBy(() -> crashing.apply(t, 0, Progress.NONE)).isInstanceOf(FakeKernel.Crash.class);
        assertThat(routes()).doesNotContain("203.0.113.0/24");
        assertThat(Applier.onThisMachine().recover()).containsExactly("repair");

        assertThat(routes()).isEqualTo(before);
    }

    private static String routes() {
        return ApplierKernelTest.ipj("repair-top", "route", "show", "table", "main");
    }
}
