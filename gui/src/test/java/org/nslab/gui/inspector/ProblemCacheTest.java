package org.nslab.gui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.nslab.gui.panels.Designs;
import org.nslab.gui.problems.DesignValidator;

class ProblemCacheTest {
    @Test
    void aMoveKeepsTheProblemsAndAnyOtherChangeValidatesAgain() {
        AtomicInteger runs = new AtomicInteger();
        DesignValidator engine = Designs.validator();
        ProblemCache cache = new ProblemCache(t -> {
            runs.incrementAndGet();
            return engine.validate(t);
        });
        Topology t = Designs.routerLab();
        cache.of(t);
        cache.of(t);
        assertThat(runs).hasValue(1);
        Topology moved = t.withLayout(Map.of("red", new Position(10, 20)));
        cache.of(moved);
        assertThat(runs).hasValue(1);
        Topology renamed = moved.withName("Not A Name");
        assertThat(cache.of(renamed)).extracting(p -> p.pointer()).contains("/name");
        assertThat(runs).hasValue(2);
        Topology noVeths = renamed.withVeths(List.of());
        cache.of(noVeths);
        assertThat(runs).hasValue(3);
        // The machine editor changes only the machines: their problems are the design's too.
        Topology withMachine = noVeths.withMachines(Map.of("m2", org.nslab.engine.model.Machine.blank()));
        assertThat(cache.of(withMachine)).extracting(p -> p.pointer()).contains("/machines/m2/helper");
        assertThat(runs).hasValue(4);
        cache.of(withMachine.withEtcHosts(false));
        assertThat(runs).hasValue(5);
    }
}
