package org.nslab.helper.apply;

import org.nslab.engine.lab.ApplyResult;
import org.nslab.engine.lab.Drift;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Netem;
import org.nslab.engine.model.Route;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.plan.Impairment;
import org.nslab.engine.plan.Operation;
import org.nslab.engine.plan.Planner;

/** Impairments through the applier against the in-memory kernel: in-place changes, drift, undo, refusal. */
class ApplierNetemTest {
    @TempDir
    Path tmp;
    FakeKernel kernel;
    Applier applier;
    String pristine;

    /** The real planner, minus sysctls (the in-memory kernel has none of the IPv6 ones). */
    static final class NoSysctlPlans implements Plans {
        private final PlannerPlans real = new PlannerPlans();

        public List<String> validate(Topology design) { return real.validate(design); }

        public List<Operation> apply(Topology design) { return withoutSysctls(real.apply(design)); }

        public List<Operation> diff(Topology applied, Topology desired) { return withoutSysctls(real.diff(applied, desired)); }

        private static List<Operation> withoutSysctls(List<Operation> ops) {
            return ops.stream().filter(op -> !(op instanceof Operation.SetSysctl || op instanceof Operation.RestoreSysctl)).toList();
        }
    }

    @BeforeEach
    void setUp() {
        kernel = new FakeKernel("imp");
        applier = new Applier(new LabStore(tmp.resolve("labs")), kernel, new NoSysctlPlans());
        pristine = kernel.snapshot();
    }

    static Topology lab(Netem onA) {
        return Topology.empty("imp").withNamespaces(Map.of("a", Namespace.empty(), "b", Namespace.empty()))
                .withVeths(List.of(new Veth(
                        new VethEnd("a", null, "eth0", List.of("10.0.0.1/24"), null, null, null, onA),
                        new VethEnd("b", null, "eth0", List.of("10.0.0.2/24"), null, null, null))));
    }

    static final Netem DELAY = Netem.none().withDelayMs(40.0);

    @Test
    void changingTheDelayChangesOnlyTheQdisc() throws Exception {
        applier.apply(lab(DELAY), 1000, Progress.NONE);
        assertThat(kernel.netems).containsOnlyKeys("imp-a eth0");
        ApplyResult r = applier.apply(lab(DELAY.withDelayMs(80.0)), 1000, Progress.NONE);
        assertThat(r.steps()).containsExactly("set netem delay 80ms limit 1000 on eth0 in imp-a");
        assertThat(kernel.netems.get("imp-a eth0").delayUs()).isEqualTo(80_000);
        assertThat(applier.apply(lab(DELAY.withDelayMs(80.0)), 1000, Progress.NONE).steps()).isEmpty();
        assertThat(applier.apply(lab(null), 1000, Progress.NONE).steps()).containsExactly("remove netem from eth0 in imp-a");
        assertThat(kernel.netems).isEmpty();
        applier.teardown("imp", 1000, Progress.NONE);
        assertThat(kernel.snapshot()).isEqualTo(pristine);
    }

    @Test
    void aQdiscChangedOrDeletedByHandIsDriftThatReapplyRepairs() throws Exception {
        applier.apply(lab(DELAY), 1000, Progress.NONE);
        kernel.netems.put("imp-a eth0", new Impairment(10_000, 0, 0, 0, 0, 0, 0, 1000));
        assertThat(applier.status("imp", null).drifts()).extracting(Drift::format)
                .containsExactly("different netem on eth0 in imp-a: is delay 10ms limit 1000, the design has delay 40ms limit 1000");
        assertThat(applier.apply(lab(DELAY), 1000, Progress.NONE).steps()).containsExactly("set netem delay 40ms limit 1000 on eth0 in imp-a");
        kernel.netems.clear();
        assertThat(applier.status("imp", null).drifts()).extracting(Drift::format).containsExactly("missing netem on eth0 in imp-a");
        applier.apply(lab(DELAY), 1000, Progress.NONE);
        assertThat(applier.status("imp", null).matches()).isTrue();
        kernel.netems.put("imp-b eth0", new Impairment(0, 0, 100, 0, 0, 0, 0, 1000));
        assertThat(applier.status("imp", null).drifts()).extracting(Drift::format)
                .containsExactly("extra netem on eth0 in imp-b: not in the design: loss 100% limit 1000");
        applier.apply(lab(DELAY), 1000, Progress.NONE);
        assertThat(kernel.netems).containsOnlyKeys("imp-a eth0");
        applier.teardown("imp", 1000, Progress.NONE);
        assertThat(kernel.snapshot()).isEqualTo(pristine);
    }

    @Test
    void aKernelWithoutNetemRefusesTheDesignBeforeAnyChange() {
        kernel.netemMissing = "this kernel has no netem qdisc: module sch_netem is missing";
        ApplyException e = catchThrowableOfType(ApplyException.class, () -> applier.apply(lab(DELAY), 1000, Progress.NONE));
        assertThat(e.reason()).isEqualTo(ApplyException.Reason.REFUSED);
        assertThat(e.getMessage()).contains("sch_netem").endsWith("nothing was changed");
        assertThat(kernel.executed).isZero();
        assertThat(kernel.snapshot()).isEqualTo(pristine);
    }

    @Test
    void aRefusedLaterStepPutsTheOldQdiscBack() throws Exception {
        applier.apply(lab(DELAY), 1000, Progress.NONE);
        Topology changed = lab(DELAY.withDelayMs(80.0));
        kernel.refuseAt = kernel.executed + 2;
        Topology withMore = changed.withNamespaces(Map.of("b", Namespace.empty(),
                "a", Namespace.empty().withRoutes(List.of(new Route("10.9.0.0/16", "10.0.0.2", null, null)))));
        assertThat(Planner.diff(lab(DELAY), withMore)).extracting(Operation::describe).containsExactly(
                "set netem delay 80ms limit 1000 on eth0 in imp-a", "add route 10.9.0.0/16 via 10.0.0.2 in imp-a");
        catchThrowableOfType(ApplyException.class, () -> applier.apply(withMore, 1000, Progress.NONE));
        assertThat(kernel.netems.get("imp-a eth0").delayUs()).isEqualTo(40_000);
        applier.teardown("imp", 1000, Progress.NONE);
        assertThat(kernel.snapshot()).isEqualTo(pristine);
    }
}
