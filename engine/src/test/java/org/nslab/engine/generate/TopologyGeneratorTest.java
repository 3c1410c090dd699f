package org.nslab.engine.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nslab.engine.model.Topology;
import org.nslab.engine.validate.Validator;

class TopologyGeneratorTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 255, 256, 1000})
    void starIsValidWithOneVethPerNamespace(int n) {
        Topology t = TopologyGenerator.star("star", n);
        assertThat(Validator.validate(t)).isEmpty();
        assertThat(t.namespaces()).hasSize(n);
        assertThat(t.veths()).hasSize(n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10, 1000})
    void linearHasKHostsKBridgesAndTwoKMinusOneLinks(int k) {
        Topology t = TopologyGenerator.linear("lin", k);
        assertThat(Validator.validate(t)).isEmpty();
        assertThat(t.namespaces()).hasSize(k);
        assertThat(t.bridges()).hasSize(k);
        assertThat(t.veths()).hasSize(2 * k - 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 10, 1000})
    void routerChainIsValidWithAGatewayOnEverySubnet(int n) {
        Topology t = TopologyGenerator.routers("rou", n);
        assertThat(Validator.validate(t)).isEmpty();
        assertThat(t.namespaces()).hasSize(n + 2);
        assertThat(t.veths()).hasSize(n + 1);
        assertThat(t.namespaces().get("r1").firewall().tables().get("filter").get("FORWARD").rules()).hasSize(8);
    }
}
