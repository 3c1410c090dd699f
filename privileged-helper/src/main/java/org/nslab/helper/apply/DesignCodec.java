package org.nslab.helper.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.nslab.engine.model.Topology;

/** The applied design as stored in the lab's folder. */
final class DesignCodec {
    private DesignCodec() {}

    static String write(Topology t) throws JsonProcessingException {
        return StateJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(t) + "\n";
    }

    static Topology read(String json) throws JsonProcessingException {
        return StateJson.MAPPER.readValue(json, Topology.class);
    }
}
