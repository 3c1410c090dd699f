package org.nslab.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Namespace;
import org.nslab.engine.model.Position;
import org.nslab.engine.model.Topology;
import org.nslab.engine.model.Veth;
import org.nslab.engine.model.VethEnd;
import org.nslab.engine.problem.Problem;

/** The validator on designs built in code (as the designer does): no source, so problems carry pointers only. */
class ValidatorTest {

    @Test
    void emptyLabIsValid() {
        assertThat(Validator.validate(Topology.empty("lab"))).isEmpty();
    }

    @Test
    void problemsWithoutSourceHaveNoPlace() {
        Topology t = Topology.empty("lab").withLayout(Map.of("host", new Position(Double.NaN, 1)));
        assertThat(Validator.validate(t)).extracting(Problem::format).containsExactly("/layout/host/x: expected a finite number, found NaN");
        assertThat(Validator.validate(t).get(0).line()).isZero();
    }

    @Test
    void everyProblemIsReportedNotJustTheFirst() {
        VethEnd bad = new VethEnd("nowhere", null, "averyveryverylongname", List.of("10.0.0.1"), "01:00:00:00:00:01", 10, null);
        Topology t = Topology.empty("Lab").withNamespaces(Map.of("Red", Namespace.empty())).withVeths(List.of(new Veth(bad, null)));
        assertThat(Validator.validate(t)).extracting(Problem::pointer).containsExactlyInAnyOrder("/name", "/namespaces/Red",
                "/veths/0/a/namespace", "/veths/0/a/name", "/veths/0/a/addresses/0", "/veths/0/a/mac", "/veths/0/a/mtu", "/veths/0/b");
    }

    @Test
    void bothEndsInOneNamespaceIsAllowed() {
        Topology t = Topology.empty("lab").withNamespaces(Map.of("s", Namespace.empty())).withVeths(List.of(new Veth(
                new VethEnd("s", null, "v0", List.of("10.20.30.40/24"), null, null, null),
                new VethEnd("s", null, "v1", List.of("10.20.30.41/24"), null, null, null))));
        assertThat(Validator.validate(t)).isEmpty();
    }
}
