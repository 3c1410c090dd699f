package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;
import org.nslab.helper.testing.HostSnapshot;
import org.nslab.helper.testing.KernelTest;

/**
 * The kernel refusing a step (an injected ENOBUFS at step N of the real kernel's run, {@link FaultyKernel}) rolls the
 * lab back to exactly what it was: nothing after a refused first apply, the first design after a refused re-apply,
 * however far the re-apply had got with its removals (namespaces and links deleted included). The same independent
 * observer as the crash points decides; seeds and steps are printed and named in every failure
 * ({@code -Dnslab.refusal.seed=S} reruns one).
 */
@KernelTest
class InjectedRefusalKernelTest {
    static final int SEEDS = Integer.getInteger("nslab.refusal.seeds", 20);
    static final int REAPPLY_POINTS = 2;
    static final long SEED = Long.getLong("nslab.refusal.seed", System.nanoTime());

    @BeforeAll
    static void hostFilterTableExists() {
        CrashPointKernelTest.hostFilterTableExists();
    }

    @AfterAll
    static void emptyHostFilterTableGoes() {
        CrashPointKernelTest.emptyHostFilterTableGoes();
    }

    @Test
    void aRefusedStepAnywhereLeavesTheLabExactlyAsItWas() throws Exception {
        long t0 = System.nanoTime();
        System.out.println("injected refusals: base seed " + SEED + ", " + SEEDS + " designs");
        int refusals = 0;
        for (int s = 0; s < SEEDS; s++) {
            long seed = SEED + s;
            CrashPointKernelTest.Case c = CrashPointKernelTest.reference(seed, "ir" + s);
            Random rnd = new Random(seed ^ 0x5DEECE66DL);

            int k = 1 + rnd.nextInt(c.applySteps());
            String name = "seed " + seed + " lab " + c.lab() + " apply refused at step " + k + " of " + c.applySteps();
            System.out.println("  " + name);
            refuse(c.first(), k, name);
            assertThat(LabObserver.observe().differencesFrom(c.none())).as(name).isEmpty();
            assertThat(HostSnapshot.take().stateFiles()).as(name).isEmpty();
            refusals++;

            Applier.onThisMachine().apply(c.first(), 0, Progress.NONE);
            for (int p = 0; p < REAPPLY_POINTS; p++) {
                k = 1 + rnd.nextInt(c.reapplySteps());
                name = "seed " + seed + " lab " + c.lab() + " re-apply refused at step " + k + " of " + c.reapplySteps() + " " + c.reapplied();
                System.out.println("  " + name);
                refuse(c.second(), k, name);
                assertThat(LabObserver.observe().differencesFrom(c.firstSeen())).as(name + ": not as before the re-apply").isEmpty();
                assertThat(Applier.onThisMachine().status(c.lab(), null).drifts()).as(name).isEmpty();
                refusals++;
            }
            assertThat(Applier.onThisMachine().teardown(c.lab(), 0, Progress.NONE).leftovers()).isEmpty();
            assertThat(LabObserver.observe().differencesFrom(c.none())).as("seed " + seed + ": teardown left something").isEmpty();
        }
        System.out.printf("injected refusals: %d refused runs over %d designs, %.1f s%n", refusals, SEEDS, (System.nanoTime() - t0) / 1e9);
    }

    private static void refuse(Topology design, int step, String name) {
        Applier refusing = new Applier(new LabStore(), new FaultyKernel(new LinuxKernel(), step, false), new PlannerPlans());
        ApplyException e = catchThrowableOfType(ApplyException.class, () -> refusing.apply(design, 0, Progress.NONE));
        assertThat(e).as(name + ": the refusal did not fail the apply").isNotNull();
        assertThat(e.getMessage()).as(name).startsWith("the kernel refused to ");
        assertThat(e.getMessage()).as(name + ": the rollback left something").contains("everything this run created was removed");
    }
}
