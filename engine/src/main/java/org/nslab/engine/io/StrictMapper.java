package org.nslab.engine.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.nslab.engine.json.Json;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

/**
 * The mapper of design files and of designs inside messages: {@link Json#strict()} reading, sorted output. A {@link Topology} inside any message goes through the same binder and canonical
 * writer as a design file, so a design reads and writes alike everywhere.
 */
final class StrictMapper {
    private StrictMapper() {}

    static final JsonMapper MAPPER = build();

    private static JsonMapper build() {
        SimpleModule module = new SimpleModule("nslab-format-1");
        module.addSerializer(Topology.class, new TopologySerializer());
        module.addDeserializer(Topology.class, new TopologyDeserializer());
        return Json.sorted(Json.strict()).addModule(module).build();
    }

    private static final class TopologySerializer extends JsonSerializer<Topology> {
        @Override
        public void serialize(Topology value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeTree(sorted(TreeWriter.topology(value)));
        }
    }

    private static JsonNode sorted(JsonNode n) {
        if (n.isObject()) {
            TreeMap<String, JsonNode> members = new TreeMap<>();
            n.properties().forEach(e -> members.put(e.getKey(), sorted(e.getValue())));
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            members.forEach(o::set);
            return o;
        }
        if (n.isArray()) {
            var a = JsonNodeFactory.instance.arrayNode();
            n.forEach(c -> a.add(sorted(c)));
            return a;
        }
        return n;
    }

    /** Binds strictly: any unknown key or wrong type fails with every such problem in the message. */
    private static final class TopologyDeserializer extends JsonDeserializer<Topology> {
        @Override
        public Topology deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = ctxt.readTree(p);
            if (tree == null || !tree.isObject()) {
                return (Topology) ctxt.handleUnexpectedToken(Topology.class, p);
            }
            List<Problem> problems = new ArrayList<>();
            Topology t = Binder.bind(tree, problems);
            if (!problems.isEmpty()) {
                throw com.fasterxml.jackson.databind.exc.MismatchedInputException.from(p, Topology.class,
                        "not a valid nslab/1 design: " + String.join("; ", problems.stream().map(Problem::format).toList()));
            }
            return t;
        }
    }
}
