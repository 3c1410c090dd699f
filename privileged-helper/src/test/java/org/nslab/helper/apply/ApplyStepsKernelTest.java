package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.model.Topology;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;
import org.nslab.helper.testing.KernelTest;

/** The steps an apply decides on, against the real kernel: all of the plan, none of it, exactly what drifted, or a refusal. */
@KernelTest
class ApplyStepsKernelTest {
    private static final String NETNS = "veth-one-stack-stack";

    @TempDir
    Path tmp;

    private static Topology design() {
        return ApplierKernelTest.load(ApplierKernelTest.EXAMPLES.resolve("veth-one-stack.nslab.json"));
    }

    @Test
    void onlyWhatTheKernelLacksIsPlannedAndAnAppliedLabNeedsNothing() throws Exception {
        Topology design = design();
        LabStore store = new LabStore(tmp.resolve("labs"));
        ApplySteps steps = new ApplySteps(new LinuxKernel(), new PlannerPlans());
        ApplySteps.Steps fresh = steps.of(design.name(), null, design);
        assertThat(fresh.steps()).as("nothing is there yet").containsExactlyElementsOf(fresh.full());
        assertThat(fresh.full()).containsAll(Planner.apply(design));
        Applier applier = new Applier(store, new LinuxKernel(), new PlannerPlans());
        applier.apply(design, 0, Progress.NONE);
        try {
            LabState applied = store.read(design.name()).orElseThrow();
            assertThat(steps.of(design.name(), applied, design).steps()).isEmpty();

            Sh.ok("ip", "-n", NETNS, "addr", "del", "10.20.30.41/24", "dev", "veth1");
            assertThat(steps.of(design.name(), applied, design).steps())
                    .containsExactly(new Operation.AddAddress(NETNS, "veth1", Cidr.parse("10.20.30.41/24")));
        } finally {
            applier.teardown(design.name(), 0, Progress.NONE);
        }
    }

    @Test
    void aNameTakenByAnotherIsRefusedNamingItBeforeAnythingChanges() {
        Topology design = design();
        Sh.ok("ip", "netns", "add", NETNS);
        try {
            String before = Sh.ok("ip", "-n", NETNS, "-o", "link", "show");
            ApplyException e = catchThrowableOfType(ApplyException.class,
                    () -> new ApplySteps(new LinuxKernel(), new PlannerPlans()).of(design.name(), null, design));
            assertThat(e.reason()).isEqualTo(ApplyException.Reason.CONFLICT);
            assertThat(e.details()).containsExactly("namespace " + NETNS + " already exists and does not belong to lab " + design.name());
            assertThat(Sh.ok("ip", "-n", NETNS, "-o", "link", "show")).isEqualTo(before);
        } finally {
            Sh.ok("ip", "netns", "del", NETNS);
        }
    }

    @Test
    void aGlobalSysctlBringsTheInterfaceValuesOfItsNamespaceAgain() {
        Operation forward = new Operation.SetSysctl("ns", "net.ipv4.ip_forward", "1");
        Operation rpFilter = new Operation.SetSysctl("ns", "net.ipv4.conf.eth0.rp_filter", "2");
        Operation elsewhere = new Operation.SetSysctl("other", "net.ipv4.conf.eth0.rp_filter", "2");
        List<Operation> full = List.of(forward, rpFilter, elsewhere);
        assertThat(ApplySteps.interfaceSysctlsAfter(full, new java.util.LinkedHashSet<>(List.of(forward)))).containsExactly(rpFilter);
        assertThat(ApplySteps.interfaceSysctlsAfter(full, new java.util.LinkedHashSet<>(List.of(rpFilter)))).isEmpty();
    }
}
