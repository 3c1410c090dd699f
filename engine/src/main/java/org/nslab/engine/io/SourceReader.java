package org.nslab.engine.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.engine.problem.Problem;

/**
 * Reads JSON text into a tree and knows where every JSON Pointer starts in the text: the key of an
 * object member, the value of an array element. Duplicate keys are reported (every one of them) and the
 * first value is kept. A syntax error stops reading: the problem names the place where the text breaks.
 *
 * <p>Places are only needed to report problems, and a design usually has none, so the first read builds the
 * tree alone; the places are found by a second, tracking read when first asked for (and straight away when
 * the first read meets a duplicate key, whose problem needs them).
 */
final class SourceReader {
    /** The deepest nesting a design needs is about ten levels; anything far deeper is not a design. */
    static final int MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    record Place(int line, int column) {}

    /** The tree (null when the text is not JSON), the places, and the problems found while reading. */
    static final class Source {
        private final JsonNode root;
        private final List<Problem> problems;
        private final String text;
        private Map<String, Place> places;

        private Source(JsonNode root, Map<String, Place> places, List<Problem> problems, String text) {
            this.root = root;
            this.places = places;
            this.problems = problems;
            this.text = text;
        }

        JsonNode root() {
            return root;
        }

        List<Problem> problems() {
            return problems;
        }

        /** Where each pointer starts in the text; found by a tracking read on first use. */
        Map<String, Place> places() {
            if (places == null) places = new SourceReader(true).run(text).places;
            return places;
        }
    }

    /** A duplicate key met by the quick read: only the tracking read can report it. */
    private static final class NeedsPlaces extends RuntimeException {
        NeedsPlaces() {
            super(null, null, false, false);
        }
    }

    /** Whether this read records places (and reports duplicate keys, which need them). */
    private final boolean track;
    private final Map<String, Place> places = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final JsonNodeFactory nodes = JsonNodeFactory.withExactBigDecimals(true);

    private SourceReader(boolean track) {
        this.track = track;
    }

    static Source read(String text) {
        try {
            Source quick = new SourceReader(false).run(text);
            if (quick.problems.isEmpty()) return quick;
        } catch (NeedsPlaces e) {
            // fall through to the tracking read, which reports every duplicate with its place
        }
        return new SourceReader(true).run(text);
    }

    private Source run(String text) {
        Source s = parse(text);
        if (track) s.places = places;
        return s;
    }

    private Source parse(String text) {
        if (text.isBlank()) {
            problems.add(new Problem(null, 1, 1, "", "the file is empty; expected a JSON object with \"format\": \"nslab/1\""));
            return new Source(null, null, problems, text);
        }
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            JsonNode root = value(p, "", true);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                Place at = place(p.currentTokenLocation());
                problems.add(new Problem(null, at.line(), at.column(), "",
                        "unexpected text after the end of the JSON object; a design file holds exactly one object"));
                return new Source(null, null, problems, text);
            }
            return new Source(root, null, problems, text);
        } catch (JsonEOFException e) {
            Place at = endOf(text);
            problems.add(new Problem(null, at.line(), at.column(), pointerOf(e),
                    "the file ends in the middle of the JSON text (is it truncated?)"));
        } catch (StreamConstraintsException e) {
            Place at = place(e.getLocation());
            problems.add(new Problem(null, at.line(), at.column(), pointerOf(e),
                    "JSON nested deeper than " + MAX_DEPTH + " levels; a design is never this deep"));
        } catch (JsonProcessingException e) {
            Place at = place(e.getLocation());
            problems.add(new Problem(null, at.line(), at.column(), pointerOf(e), "invalid JSON: " + clean(e.getOriginalMessage())));
        } catch (IOException e) {
            problems.add(new Problem(null, 1, 1, "", "cannot read the JSON text: " + e.getMessage()));
        }
        return new Source(null, null, problems, text);
    }

    private JsonNode value(JsonParser p, String pointer, boolean remember) throws IOException {
        if (!track) return quickValue(p);
        JsonToken t = p.currentToken();
        if (t == null) throw new JsonEOFException(p, null, "unexpected end of input");
        if (remember && !places.containsKey(pointer)) places.put(pointer, place(p.currentTokenLocation()));
        switch (t) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                Map<String, Place> firstSeen = new HashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String child = JsonPointer.child(pointer, key);
                    Place keyAt = place(p.currentTokenLocation());
                    p.nextToken();
                    Place first = firstSeen.putIfAbsent(key, keyAt);
                    if (first != null) {
                        if (remember) {
                            problems.add(new Problem(null, keyAt.line(), keyAt.column(), child, "duplicate key \"" + key
                                    + "\" (first at line " + first.line() + ", column " + first.column() + "); keys must be unique"));
                        }
                        value(p, child, false);
                        continue;
                    }
                    if (remember) places.put(child, keyAt);
                    object.set(key, value(p, child, remember));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(p, JsonPointer.child(pointer, i++), remember));
                }
                return array;
            }
            default -> {
                return scalar(p, t);
            }
        }
    }

    /** The tree without places or pointers; a duplicate key sends the caller to the tracking read. */
    private JsonNode quickValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) throw new JsonEOFException(p, null, "unexpected end of input");
        switch (t) {
            case START_OBJECT -> {
                ObjectNode object = nodes.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    if (object.has(key)) throw new NeedsPlaces();
                    object.set(key, quickValue(p));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = nodes.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) array.add(quickValue(p));
                return array;
            }
            default -> {
                return scalar(p, t);
            }
        }
    }

    private JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING -> {
                return nodes.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return nodes.numberNode(p.getBigIntegerValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return nodes.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return nodes.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return nodes.booleanNode(false);
            }
            case VALUE_NULL -> {
                return nodes.nullNode();
            }
            default -> throw new JsonEOFException(p, t, "unexpected token " + t);
        }
    }

    private static String pointerOf(JsonProcessingException e) {
        Object source = e.getProcessor();
        if (source instanceof JsonParser p) {
            return p.getParsingContext().pathAsPointer().toString();
        }
        return "";
    }

    private static Place place(JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) return new Place(1, 1);
        return new Place(loc.getLineNr(), Math.max(1, loc.getColumnNr()));
    }

    /** The place just after the last character, where a truncated file breaks off. */
    private static Place endOf(String text) {
        int line = 1, column = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Place(line, column);
    }

    /** Jackson's messages mention its own internals ("Source: ...", "for ...Feature"); keep the reason only. */
    private static String clean(String message) {
        if (message == null) return "unreadable text";
        String m = message;
        int nl = m.indexOf('\n');
        if (nl >= 0) m = m.substring(0, nl);
        m = m.replaceAll("\\s*\\(for [^)]*\\)", "").replaceAll("\\(JsonReadFeature\\.[A-Z_]+\\)", "");
        return m.trim();
    }
}
