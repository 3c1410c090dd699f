package org.nslab.engine.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import org.nslab.engine.io.LoadResult;
import org.nslab.engine.io.TopologyJson;
import org.nslab.engine.model.Topology;

/**
 * The wire format: one JSON object per line, UTF-8, at most {@link #MAX_MESSAGE_BYTES} bytes. One strict mapper
 * for both directions: unknown fields, duplicate keys, trailing tokens and deep nesting are errors, never guesses.
 */
public final class ProtocolJson {
    /** The newest protocol version this code speaks. */
    public static final int VERSION = 2;
    /** Every version this code speaks: version 2 added the matrix and doctor requests, check timeouts and probe methods. */
    public static final java.util.List<Integer> VERSIONS = java.util.List.of(1, 2);
    /** The largest message either side accepts, newline excluded. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** A design nests about eight levels deep; anything far deeper is an attack on the parser. */
    public static final int MAX_NESTING = 64;

    private static final JsonMapper MAPPER = JsonMapper.builder(new com.fasterxml.jackson.core.JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxStringLength(MAX_MESSAGE_BYTES)
                            .maxDocumentLength(MAX_MESSAGE_BYTES)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
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

    public static Request decodeRequest(byte[] line) throws ProtocolException {
        return decode(line, Request.class);
    }

    public static Response decodeResponse(byte[] line) throws ProtocolException {
        return decode(line, Response.class);
    }

    private static <T> T decode(byte[] line, Class<T> type) throws ProtocolException {
        try {
            // The whole message is read as a tree first, so the nesting and size limits apply to every part of it,
            // including parts that binding would have rejected before reaching them.
            JsonNode tree = MAPPER.readTree(line);
            if (tree == null || !tree.isObject()) throw new ProtocolException("a message must be a JSON object");
            return MAPPER.treeToValue(tree, type);
        } catch (InvalidTypeIdException e) {
            throw new ProtocolException(e.getTypeId() == null ? "a message needs a \"type\""
                    : "unknown message type \"" + clip(e.getTypeId()) + "\"");
        } catch (java.io.IOException e) {
            throw new ProtocolException("malformed message: " + clip(firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage())));
        }
    }

    /** The design as the tree a request carries, in the canonical form the file format writes. */
    public static JsonNode designTree(Topology topology) {
        try {
            return MAPPER.readTree(TopologyJson.write(topology));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the canonical writer produced invalid JSON", e);
        }
    }

    /** Binds and fully validates a design received on the wire; problems point into the request's design. */
    public static LoadResult loadDesign(JsonNode design) {
        return TopologyJson.parse(design == null ? "null" : design.toString(), "design");
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
