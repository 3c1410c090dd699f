package org.nslab.helper.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.plan.Operation;

/** The kill switch is off unless the process's own environment arms it, and counts steps as the crash points expect. */
class KillSwitchTest {
    @Test
    void unsetItIsTheKernelItself() {
        FakeKernel real = new FakeKernel("demo");
        assertThat(KillSwitch.around(real, Map.of())).isSameAs(real);
        assertThat(KillSwitch.around(real, Map.of(KillSwitch.AFTER_STEP, " "))).isSameAs(real);
        assertThat(KillSwitch.around(real, Map.of(KillSwitch.LAB, "demo"))).isSameAs(real);
    }

    @Test
    void aValueThatIsNoStepCountIsRefused() {
        FakeKernel real = new FakeKernel("demo");
        assertThatThrownBy(() -> KillSwitch.around(real, Map.of(KillSwitch.AFTER_STEP, "three")))
                .hasMessageContaining(KillSwitch.AFTER_STEP + " must be a number of steps, not three");
        assertThatThrownBy(() -> KillSwitch.around(real, Map.of(KillSwitch.AFTER_STEP, "-1")))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> KillSwitch.around(real, Map.of(KillSwitch.AFTER_STEP, "2", KillSwitch.INSIDE, "yes")))
                .hasMessageContaining(KillSwitch.INSIDE + " must be 1 or 0, not yes");
        assertThat(KillSwitch.around(real, Map.of(KillSwitch.INSIDE, "1"))).as("inside alone arms nothing").isSameAs(real);
    }

    @Test
    void itNamesTheStepsThatCreateALink() throws Exception {
        FakeKernel real = new FakeKernel("demo");
        KillSwitch counting = KillSwitch.counting(real);
        Operation bridge = new Operation.CreateBridge("host", "demo-br", null, false);
        Operation veth = new Operation.CreateVeth(new Operation.VethSide("demo-a", "e0", null, null, true, null),
                new Operation.VethSide("host", "demo-p", null, null, true, "demo-br"));
        counting.execute("demo", List.of(new Operation.CreateNamespace("demo-a"), bridge), i -> { });
        counting.execute("demo", List.of(veth), i -> { });
        assertThat(counting.births()).containsExactly(new KillSwitch.Birth(1, bridge), new KillSwitch.Birth(2, veth));
        assertThat(counting.reset()).isEqualTo(3);
        assertThat(counting.births()).isEmpty();
    }

    @Test
    void itCountsEveryStepThatTookEffect() throws Exception {
        FakeKernel real = new FakeKernel("demo");
        KillSwitch counting = KillSwitch.counting(real);
        counting.execute("demo", List.of(new Operation.CreateNamespace("demo-a"), new Operation.CreateNamespace("demo-b")), i -> { });
        counting.execute("demo", List.of(new Operation.DeleteNamespace("demo-a")), i -> { });
        assertThat(counting.reset()).isEqualTo(3);
        assertThat(counting.reset()).isZero();
        assertThat(real.namespaces()).containsExactly("demo-b");
    }
}
