package org.nslab.helper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparseProgressTest {

    private static List<Integer> forwarded(int total) {
        List<Integer> steps = new ArrayList<>();
        SparseProgress p = new SparseProgress((step, t, d) -> steps.add(step));
        for (int i = 1; i <= total; i++) p.step(i, total, "step " + i);
        return steps;
    }

    @Test
    void aShortRunIsForwardedStepByStep() {
        assertThat(forwarded(3)).containsExactly(1, 2, 3);
        assertThat(forwarded(SparseProgress.EVERY_STEP_UP_TO)).hasSize(SparseProgress.EVERY_STEP_UP_TO);
    }

    @Test
    void aLongRunIsForwardedOncePerPercentAndAtItsLastStep() {
        List<Integer> steps = forwarded(5000);
        assertThat(steps).hasSize(101).startsWith(1, 50, 100).endsWith(4950, 5000).isSorted();
    }
}
