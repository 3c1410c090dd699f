package org.nslab.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nslab.engine.model.Topology;

class StrictMapperTest {
    private final Topology lab = TopologyJson.load(ExamplesTest.EXAMPLES.resolve("router-lab.nslab.json")).topology();

    @Test
    void topologyInsideAMessageRoundTrips() throws JsonProcessingException {
        String json = TopologyJson.mapper().writeValueAsString(Map.of("lab", lab));
        record Message(Topology lab) {}
        assertThat(TopologyJson.mapper().readValue(json, Message.class).lab()).isEqualTo(lab);
    }

    @Test
    void mapperWritesTheSameTreeAsTheFileWriter() throws JsonProcessingException {
        assertThat(TopologyJson.mapper().readTree(TopologyJson.mapper().writeValueAsString(lab)))
                .isEqualTo(TopologyJson.mapper().readTree(TopologyJson.write(lab)));
    }

    @Test
    void unknownKeyInATopologyFailsWithItsPointer() {
        assertThatThrownBy(() -> TopologyJson.mapper().readValue("{\"format\":\"nslab/1\",\"name\":\"a\",\"nmae\":1}", Topology.class))
                .hasMessageContaining("/nmae: unknown key \"nmae\"; did you mean \"name\"?");
    }

    @Test
    void duplicateKeysAndCoercionsFail() {
        record Port(int port) {}
        assertThatThrownBy(() -> TopologyJson.mapper().readValue("{\"port\":1,\"port\":2}", Port.class))
                .hasMessageContaining("Duplicate field 'port'");
        assertThatThrownBy(() -> TopologyJson.mapper().readValue("{\"port\":\"1\"}", Port.class))
                .isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> TopologyJson.mapper().readValue("{\"port\":1,\"extra\":2}", Port.class))
                .hasMessageContaining("extra");
    }
}
