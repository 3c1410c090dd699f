package org.nslab.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nslab.engine.generate.TopologyGenerator;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.problem.Problem;

/**
 * A design with many names and many bad references: each problem stays one short line and the work stays linear,
 * where a message that listed every name made the report grow with the square of the design.
 */
class ValidatorBoundsTest {

    /** A star of {@code namespaces} plus {@code bad} veths whose namespace does not exist (typos of real ones). */
    private static Topology withBadReferences(int namespaces, int bad) {
        Topology star = TopologyGenerator.star("big", namespaces);
        List<Veth> veths = new ArrayList<>(star.veths());
        for (int i = 1; i <= bad; i++) {
            veths.add(new Veth(new VethEnd("hh" + i, null, "x" + i, List.of(), null, null, null),
                    new VethEnd("h" + i, null, "y" + i, List.of(), null, null, null)));
        }
        return star.withVeths(veths);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // a safety net only; the bounds below are what is asserted
    void fiveHundredBadReferencesGiveFiveHundredShortProblems() {
        List<Problem> problems = Validator.validate(withBadReferences(2_000, 500));
        assertThat(problems).hasSize(500);
        assertThat(problems).allSatisfy(p -> assertThat(p.format()).hasSizeLessThan(400));
        assertThat(problems.get(0).message()).contains("did you mean \"h1\"?").contains("and 1990 more");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void thousandsOfTyposAgainstThousandsOfNamesStayLinear() {
        List<Problem> problems = Validator.validate(withBadReferences(20_000, 10_000));
        assertThat(problems).hasSize(10_000);
        long characters = problems.stream().mapToLong(p -> p.format().length()).sum();
        assertThat(characters).isLessThan(10_000L * 400);
        // The suggestion search is budgeted: early problems get one, the rest simply do not.
        assertThat(problems.get(0).message()).contains("did you mean");
        assertThat(problems.get(problems.size() - 1).message()).doesNotContain("did you mean");
    }

    @Test
    void aShortListIsGivenInFull() {
        assertThat(Report.listed(List.of("a", "b"))).isEqualTo("a, b");
        assertThat(Report.listed(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12")))
                .isEqualTo("1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more");
    }
}
