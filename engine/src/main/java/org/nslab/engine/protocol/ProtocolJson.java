package org.nslab.engine.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.json.Json;
import org.nslab.engine.model.Topology;
import org.nslab.engine.problem.JsonPointer;

/**
 * The wire format: one JSON object per line, UTF-8, at most {@link #MAX_MESSAGE_BYTES} bytes. One strict mapper
 * for both directions: unknown fields, duplicate keys, trailing tokens and deep nesting are errors, never guesses.
 */
public final class ProtocolJson {
    /** The newest protocol version this code speaks. */
    public static final int VERSION = 10;
    /**
     * Every version this code speaks: version 2 added the matrix, doctor and capture requests, check timeouts and
     * probe methods; version 3 added exec; version 4 importKernel; version 5 the design problems of doctor findings;
     * version 6 trace; version 7 the kernel object of an error, as a structure; version 8 the differences of a
     * status, as structures; version 9 listen (a listener for a check another machine runs) and a check's listeners
     * elsewhere; traceWatch and traceStop (tracing on a machine that does not send); version 10 a trace's echo
     * identifier chosen by the client and a watch's probe (only that packet counts on a machine that does not send).
     */
    public static final java.util.List<Integer> VERSIONS = ProtocolVersions.ALL;
    /** The largest message either side accepts, newline excluded. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** A design nests about eight levels deep; anything far deeper is an attack on the parser. */
    public static final int MAX_NESTING = 64;

    private static final JsonMapper MAPPER = Json.strict(new com.fasterxml.jackson.core.JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxStringLength(MAX_MESSAGE_BYTES)
                            .maxDocumentLength(MAX_MESSAGE_BYTES)
                            .build())
                    .build())
            .build();

    private ProtocolJson() {}

    /** The message as one line, newline included. Pretty printing is never on: a line is a message. */
    public static byte[] encode(Object message) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(message);
            byte[] line = java.util.Arrays.copyOf(json, json.length + 1);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** A request's or response's {@code type} on the wire ("traceStop"), as its record's annotation names it. */
    public static String typeOf(Object message) {
        Class<?> base = message instanceof Request ? Request.class : Response.class;
        for (var t : base.getAnnotation(com.fasterxml.jackson.annotation.JsonSubTypes.class).value()) {
            if (t.value() == message.getClass()) return t.name();
        }
        return message.getClass().getSimpleName();
    }

    public static Request decodeRequest(byte[] line) throws ProtocolException {
        return decode(line, Request.class);
    }

    /**
     * The request's top-level {@code id}, read by streaming past everything else (no tree is built, so it costs next
     * to nothing however large the design is); 0 when the line has no usable id.
     */
    public static long peekId(byte[] line) {
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.getFactory().createParser(line)) {
            if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) return 0;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = p.currentName();
                com.fasterxml.jackson.core.JsonToken value = p.nextToken();
                if ("id".equals(field)) return value == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT && p.getLongValue() > 0 ? p.getLongValue() : 0;
                p.skipChildren();
            }
            return 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /**
     * Every request but hello carries an id the client chose: a JSON integer from 1 up. 0 is the id of answers to
     * messages that were not requests, so a request may not use it; a string or a fraction is not an id.
     */
    private static void requireRequestId(JsonNode tree) throws ProtocolException {
        JsonNode type = tree.get("type");
        if (type == null || !type.isTextual() || type.asText().equals("hello")) return;
        JsonNode id = tree.get("id");
        if (id == null) throw new ProtocolException("/id: a request needs an \"id\", a positive integer");
        if (!id.isIntegralNumber() || !id.canConvertToLong() || id.asLong() < 1) {
            throw new ProtocolException("/id: expected a positive integer (1 to " + Long.MAX_VALUE + "), found "
                    + clip(id.toString()));
        }
    }

    public static Response decodeResponse(byte[] line) throws ProtocolException {
        return decode(line, Response.class);
    }

    private static <T> T decode(byte[] line, Class<T> type) throws ProtocolException {
        JsonNode tree = null;
        try {
            // The whole message is read as a tree first, so the nesting and size limits apply to every part of it,
            // including parts that binding would have rejected before reaching them.
            tree = MAPPER.readTree(line);
            if (tree == null || !tree.isObject()) throw new ProtocolException("a message must be a JSON object");
            if (type == Request.class) requireRequestId(tree);
            return MAPPER.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
            throw new ProtocolException(pointer(e) + ": unknown field \"" + clip(e.getPropertyName()) + "\"");
        } catch (InvalidTypeIdException e) {
            throw new ProtocolException(e.getTypeId() == null ? "a message needs a \"type\""
                    : "unknown message type \"" + clip(e.getTypeId()) + "\"");
        } catch (MismatchedInputException e) {
            // Name the field and both types ("/lab: expected a string, found 5"): that says what to change.
            String at = pointer(e);
            JsonNode found = tree == null ? null : tree.at(at.equals("/") ? "" : at);
            throw new ProtocolException(at + ": expected " + expected(e.getTargetType())
                    + (found == null || found.isMissingNode() ? "" : ", found " + clip(found.toString())));
        } catch (java.io.IOException e) {
            throw new ProtocolException("malformed message: " + clip(firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())));
        }
    }

    /** The design as the tree a request carries, in the canonical form the file format writes. */
    public static JsonNode designTree(Topology topology) {
        return TopologyJson.tree(topology);
    }

    /** A value as the tree the protocol carries (a kernel object in an error, say). */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A tree the protocol carried as the value it stands for, or null when it is none of {@code type}. */
    public static <T> T value(JsonNode tree, Class<T> type) {
        if (tree == null) return null;
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Binds and fully validates a design received on the wire; problems point into the request's design. */
    public static LoadResult loadDesign(JsonNode design) {
        return TopologyJson.parse(design == null ? "null" : design.toString(), "design");
    }

    private static String expected(Class<?> target) {
        if (target == null) return "another JSON type";
        if (target == String.class) return "a string";
        if (target == long.class || target == Long.class || target == int.class || target == Integer.class) return "an integer";
        if (target == boolean.class || target == Boolean.class) return "true or false";
        if (java.util.Collection.class.isAssignableFrom(target)) return "an array";
        return "a " + target.getSimpleName();
    }

    private static String pointer(MismatchedInputException e) {
        String pointer = "";
        for (var ref : e.getPath()) {
            pointer = ref.getFieldName() != null ? JsonPointer.child(pointer, clip(ref.getFieldName()))
                    : JsonPointer.child(pointer, ref.getIndex());
        }
        return pointer.isEmpty() ? "/" : pointer;
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Error texts echo client input; keep them short so an answer never grows with the attack. */
    static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
