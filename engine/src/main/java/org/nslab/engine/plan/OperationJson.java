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
        m.addSerializer(Operation.AddRoute.class, new RouteSerializer<>(Operation.AddRoute.class,
                r -> new RouteFields(r.netns(), r.to(), r.via(), r.dev(), r.metric(), r.protocol(), r.scope())));
        m.addSerializer(Operation.DeleteRoute.class, new RouteSerializer<>(Operation.DeleteRoute.class,
                r -> new RouteFields(r.netns(), r.to(), r.via(), r.dev(), r.metric(), r.protocol(), r.scope())));
        m.addDeserializer(Operation.AddRoute.class, new RouteDeserializer<>(Operation.AddRoute.class,
                f -> new Operation.AddRoute(f.netns(), f.to(), f.via(), f.dev(), f.metric(), f.protocol(), f.scope())));
        m.addDeserializer(Operation.DeleteRoute.class, new RouteDeserializer<>(Operation.DeleteRoute.class,
                f -> new Operation.DeleteRoute(f.netns(), f.to(), f.via(), f.dev(), f.metric(), f.protocol(), f.scope())));
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

    /** The fields both route steps share, in the order the files have always had them. */
    private record RouteFields(String netns, Cidr to, IpAddress via, String dev, Integer metric, Integer protocol, Integer scope) {}

    private static final class RouteSerializer<T extends Operation> extends StdSerializer<T> {
        private final Function<T, RouteFields> fields;

        RouteSerializer(Class<T> type, Function<T, RouteFields> fields) {
            super(type);
            this.fields = fields;
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

        private void body(T value, JsonGenerator g) throws IOException {
            RouteFields f = fields.apply(value);
            g.writeStringField("netns", f.netns());
            g.writeStringField("to", Operation.Routes.text(f.to()));
            if (f.via() != null) g.writeStringField("via", f.via().toString());
            if (f.dev() != null) g.writeStringField("dev", f.dev());
            if (f.metric() != null) g.writeNumberField("metric", f.metric());
            g.writeBooleanField("ipv6", f.to().family() == Family.IPV6);
            if (f.protocol() != null) g.writeNumberField("protocol", f.protocol());
            if (f.scope() != null) g.writeNumberField("scope", f.scope());
        }
    }

    private static final class RouteDeserializer<T extends Operation> extends StdDeserializer<T> {
        private static final Set<String> FIELDS = Set.of("netns", "to", "via", "dev", "metric", "ipv6", "protocol", "scope");
        private final Function<RouteFields, T> make;

        RouteDeserializer(Class<T> type, Function<RouteFields, T> make) {
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
                return make.apply(new RouteFields(n.get("netns").asText(), dst, via, text(n, "dev"), number(n, "metric"),
                        number(n, "protocol"), number(n, "scope")));
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
