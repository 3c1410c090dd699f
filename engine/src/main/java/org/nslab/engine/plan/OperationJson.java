package org.nslab.engine.plan;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.WritableTypeId;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializerBase;
import java.io.IOException;
import java.util.Set;
import java.util.function.Function;
import org.nslab.engine.net.Cidr;
import org.nslab.engine.net.Family;
import org.nslab.engine.net.IpAddress;
import org.nslab.engine.net.MacAddress;

/**
 * The JSON form of operations' typed values, shared by the helper's state files and {@code nslab plan --json}:
 * addresses as their canonical text, read back through the one parser of each type; a route's destination as
 * {@code "default"} or a CIDR next to an {@code "ipv6"} flag, the shape these files had before operations
 * carried typed values, so both read the same.
 */
public final class OperationJson {
    private OperationJson() {}

    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("nslab-addresses");
        text(m, IpAddress.class, IpAddress::parse);
        text(m, Cidr.class, Cidr::parse);
        text(m, MacAddress.class, MacAddress::parse);
        m.addSerializer(Operation.AddRoute.class, new RouteSerializer<>(Operation.AddRoute.class));
        m.addSerializer(Operation.DeleteRoute.class, new RouteSerializer<>(Operation.DeleteRoute.class));
        m.addDeserializer(Operation.AddRoute.class, new RouteDeserializer<>(Operation.AddRoute.class, Operation.AddRoute::new));
        m.addDeserializer(Operation.DeleteRoute.class, new RouteDeserializer<>(Operation.DeleteRoute.class, Operation.DeleteRoute::new));
        return m;
    }

    /** A value written as its canonical text and read back through the engine's one parser for it. */
    private static <T> void text(SimpleModule m, Class<T> type, Function<String, T> parse) {
        m.addSerializer(type, new ToStringSerializerBase(type) {
            @Override
            public String valueToString(Object value) {
                return value.toString();
            }
        });
        m.addDeserializer(type, new FromStringDeserializer<T>(type) {
            @Override
            protected T _deserialize(String value, DeserializationContext ctxt) {
                return parse.apply(value);
            }
        });
    }

    /** A route step's canonical constructor: its fields in the order the files have always had them. */
    @FunctionalInterface
    private interface RouteConstructor<T extends Operation.RouteStep> {
        T make(String netns, Cidr to, IpAddress via, String dev, Integer metric, Integer protocol, Integer scope);
    }

    private static final class RouteSerializer<T extends Operation.RouteStep> extends StdSerializer<T> {
        RouteSerializer(Class<T> type) {
            super(type);
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
            g.writeStartObject();
            body(value, g);
            g.writeEndObject();
        }

        @Override
        public void serializeWithType(T value, JsonGenerator g, SerializerProvider p, TypeSerializer typeSer) throws IOException {
            WritableTypeId id = typeSer.writeTypePrefix(g, typeSer.typeId(value, JsonToken.START_OBJECT));
            body(value, g);
            typeSer.writeTypeSuffix(g, id);
        }

        private void body(T route, JsonGenerator g) throws IOException {
            g.writeStringField("netns", route.netns());
            g.writeStringField("to", Operation.Routes.text(route.to()));
            if (route.via() != null) g.writeStringField("via", route.via().toString());
            if (route.dev() != null) g.writeStringField("dev", route.dev());
            if (route.metric() != null) g.writeNumberField("metric", route.metric());
            g.writeBooleanField("ipv6", route.ipv6());
            if (route.protocol() != null) g.writeNumberField("protocol", route.protocol());
            if (route.scope() != null) g.writeNumberField("scope", route.scope());
        }
    }

    private static final class RouteDeserializer<T extends Operation.RouteStep> extends StdDeserializer<T> {
        private static final Set<String> FIELDS = Set.of("netns", "to", "via", "dev", "metric", "ipv6", "protocol", "scope");
        private final RouteConstructor<T> make;

        RouteDeserializer(Class<T> type, RouteConstructor<T> make) {
            super(type);
            this.make = make;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode n = ctxt.readTree(p);
            for (var names = n.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) return ctxt.reportInputMismatch(this, "unknown field \"%s\" in a route step", name);
            }
            if (!n.path("netns").isTextual() || !n.path("to").isTextual() || !n.path("ipv6").isBoolean()) {
                return ctxt.reportInputMismatch(this, "a route step needs \"netns\", \"to\" and \"ipv6\"");
            }
            try {
                IpAddress via = n.hasNonNull("via") ? IpAddress.parse(n.get("via").asText()) : null;
                String to = n.get("to").asText();
                Cidr dst = to.equals("default")
                        ? Operation.Routes.defaultOf(n.get("ipv6").asBoolean() ? Family.IPV6 : Family.IPV4) : Cidr.parse(to);
                return make.make(n.get("netns").asText(), dst, via, text(n, "dev"), number(n, "metric"),
                        number(n, "protocol"), number(n, "scope"));
            } catch (IllegalArgumentException e) {
                return ctxt.reportInputMismatch(this, "bad route step: %s", e.getMessage());
            }
        }

        private static String text(JsonNode n, String field) {
            return n.hasNonNull(field) ? n.get(field).asText() : null;
        }

        private static Integer number(JsonNode n, String field) {
            return n.hasNonNull(field) ? n.get(field).intValue() : null;
        }
    }

}
