package org.nslab.engine.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.Problem;

/**
 * The project's one Jackson mapper: unknown keys, duplicate keys, trailing tokens and scalar coercions are
 * errors; output is sorted. A {@link Topology} inside any message goes through the same binder and canonical
 * writer as a design file, so a design reads and writes alike everywhere.
 */
final class StrictMapper {
    private StrictMapper() {}

    static final JsonMapper MAPPER = build();

    private static JsonMapper build() {
        SimpleModule module = new SimpleModule("nslab-format-1");
        module.addSerializer(Topology.class, new TopologySerializer());
        module.addDeserializer(Topology.class, new TopologyDeserializer());
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY,
                        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .withCoercionConfigDefaults(c -> {
                    c.setCoercion(CoercionInputShape.String, CoercionAction.Fail);
                    c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
                    c.setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
                    c.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                    c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
                })
                .addModule(module)
                .build();
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
