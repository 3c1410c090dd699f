package org.nslab.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.problem.Problem;

/** Each rule of the format, broken alone: the loader reports exactly that problem, at its pointer, line and column. */
class RulesTest {
    @ParameterizedTest
    @MethodSource("org.nslab.engine.validate.RuleCases#cases")
    void ruleIsReportedWithPlaceAndReason(String design, List<String> expected) {
        LoadResult result = TopologyJson.parse(design, "t.nslab.json");
        assertThat(result.problems()).extracting(Problem::format).containsExactlyElementsOf(expected);
        assertThat(result.ok()).isFalse();
    }
}
