package org.nslab.helper.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.plan.Operation.AddAddress;
import org.nslab.engine.plan.Operation.CreateBridge;
import org.nslab.engine.plan.Operation.CreateNamespace;
import org.nslab.engine.plan.Operation.SetSysctl;
import org.nslab.engine.plan.Operation.SetUp;
import org.nslab.engine.plan.Operation;
import org.nslab.helper.netlink.Errno;

/** The scheduler alone: which waves run, in which order, and what a refusal stops (no kernel involved). */
class WaveSchedulerTest {
    private final Operation nsA = new CreateNamespace("a");
    private final Operation nsB = new CreateNamespace("b");
    private final Operation loA = new SetUp("a", "lo");
    private final Operation sysA = new SetSysctl("a", "net.ipv4.ip_forward", "1");
    private final Operation sysOld = new SetSysctl("old", "net.ipv4.ip_forward", "1");
    private final Operation brA = new CreateBridge("a", "br0", null, false, false);
    private final Operation addrA = new AddAddress("a", "br0", Cidr.parse("10.0.0.1/24"));
    private final Operation addrB = new AddAddress("b", "eth0", Cidr.parse("10.0.0.2/24"));
    private final Operation brB = new CreateBridge("b", "br1", null, false, false);

    @Test
    void consecutiveOperationsOfOneKindFormAWaveAndWavesKeepThePlanOrder() throws Exception {
        List<List<Operation>> waves = new ArrayList<>();
        List<Map<String, List<Operation>>> followUps = new ArrayList<>();
        WaveScheduler.run(List.of(nsA, nsB, loA, sysA, sysOld, brA, addrA, addrB, brB), null, (wave, f, run) -> {
            waves.add(List.copyOf(wave));
            followUps.add(f);
        });

        // The set-up of a namespace made in this batch goes to its creator; that of an older one stays a wave.
        assertThat(waves).containsExactly(List.of(nsA, nsB), List.of(sysOld), List.of(brA), List.of(addrA, addrB), List.of(brB));
        assertThat(followUps.get(0)).containsOnlyKeys("a");
        assertThat(followUps.get(0).get("a")).containsExactly(loA, sysA);
    }

    @Test
    void setUpStepsAfterTheFirstOtherWaveAreNotFollowUps() throws Exception {
        Operation loLater = new SetUp("a", "lo");
        List<List<Operation>> waves = new ArrayList<>();
        WaveScheduler.run(List.of(nsA, brA, loLater), null, (wave, f, run) -> {
            waves.add(List.copyOf(wave));
            assertThat(f).isEmpty();
        });
        assertThat(waves).containsExactly(List.of(nsA), List.of(brA), List.of(loLater));
    }

    @Test
    void aRefusalLetsItsWaveFinishStopsLaterWavesAndThrowsTheEarliestStep() {
        List<Operation> plan = List.of(brA, addrA, addrB, brB);
        List<List<Operation>> waves = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        assertThatThrownBy(() -> WaveScheduler.run(plan, (op, done, total) -> progress.add(op.netns() + done + "/" + total),
                (wave, f, run) -> {
                    waves.add(List.copyOf(wave));
                    if (wave.contains(addrA)) {
                        // Reported latest step first: the earliest must still be the one thrown.
                        run.fail(addrB, new KernelException("b", Errno.EEXIST, "second"));
                        run.fail(addrA, new KernelException("a", Errno.EINVAL, "first"));
                        run.done(addrA);
                    } else {
                        wave.forEach(run::done);
                    }
                }))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.step()).isEqualTo(1);
                    assertThat(e.detail()).isEqualTo("first");
                    assertThat(e.getSuppressed()).hasSize(1);
                    assertThat(((KernelException) e.getSuppressed()[0]).step()).isEqualTo(2);
                });
        assertThat(waves).containsExactly(List.of(brA), List.of(addrA, addrB));
        // A step reported failed is not counted done afterwards.
        assertThat(progress).containsExactly("a1/4");
    }

    @Test
    void progressCountsEachOperationOnce() throws Exception {
        List<Integer> counts = new ArrayList<>();
        WaveScheduler.run(List.of(brA, addrA, addrB), (op, done, total) -> counts.add(done), (wave, f, run) -> {
            wave.forEach(run::done);
            wave.forEach(run::done);
        });
        assertThat(counts).containsExactly(1, 2, 3);
    }
}
