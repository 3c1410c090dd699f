package org.nslab.engine.interop;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.nslab.engine.problem.JsonPointer;

/**
 * A JSON or YAML document read into a tree that remembers where each JSON Pointer starts in the text, so every
 * note and error of an importer names a line and column of the user's file. Duplicate keys and YAML aliases
 * are refused: both would make a value mean something the user cannot see where they look.
 */
final class SourceTree {
    private static final int MAX_DEPTH = 64;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    record Place(int line, int column) {}

    private final Source source;
    private final JsonNode root;
    private final Map<String, Place> places;

    private SourceTree(Source source, JsonNode root, Map<String, Place> places) {
        this.source = source;
        this.root = root;
        this.places = places;
    }

    static SourceTree json(Source source) throws ImportException {
        return read(source, JSON);
    }

    static SourceTree yaml(Source source) throws ImportException {
        return read(source, YAML);
    }

    JsonNode root() {
        return root;
    }

    Source source() {
        return source;
    }

    /** The place of a pointer, or of its nearest ancestor that has one. */
    Place place(String pointer) {
        String at = pointer;
        Place p = places.get(at);
        while (p == null && !at.isEmpty()) {
            at = JsonPointer.parent(at);
            p = places.get(at);
        }
        return p == null ? new Place(1, 1) : p;
    }

    ImportException error(String pointer, String message) {
        Place p = place(pointer);
        return new ImportException(source.problem(p.line(), p.column(), pointer, message));
    }

    private static SourceTree read(Source source, JsonFactory factory) throws ImportException {
        Map<String, Place> places = new HashMap<>();
        try (JsonParser p = factory.createParser(source.text())) {
            JsonToken first = p.nextToken();
            if (first == null) throw new ImportException(source.problem(1, 1, "", "the file is empty"));
            JsonNode root = value(p, "", places, source);
            if (p.nextToken() != null) {
                Place at = place(p.currentTokenLocation());
                throw new ImportException(source.problem(at.line(), at.column(), "", "unexpected content after the document"));
            }
            return new SourceTree(source, root, places);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
                // The scanner's own text spans lines with an excerpt of the file; its problem and mark say it in one.
                String why = (y.getContext() == null ? "" : y.getContext() + ": ") + y.getProblem();
                throw new ImportException(source.problem(y.getProblemMark().getLine() + 1, y.getProblemMark().getColumn() + 1, "",
                        "cannot read the YAML: " + why));
            }
            JsonLocation l = e.getLocation();
            Place at = l == null ? new Place(1, 1) : place(l);
            throw new ImportException(source.problem(at.line(), at.column(), "", "cannot read the file: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ImportException(source.problem(1, 1, "", "cannot read the file: " + e.getMessage()));
        } catch (RuntimeException e) {
            // The YAML scanner reports some malformed input (bad escapes, limits) as unchecked exceptions of its own.
            throw new ImportException(source.problem(1, 1, "", "cannot read the file: " + e.getMessage()));
        }
    }

    private static JsonNode value(JsonParser p, String pointer, Map<String, Place> places, Source source) throws IOException, ImportException {
        places.putIfAbsent(pointer, place(p.currentTokenLocation()));
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            Place at = place(p.currentTokenLocation());
            throw new ImportException(source.problem(at.line(), at.column(), pointer,
                    "YAML aliases (*" + p.getText() + ") are not supported; write the value out"));
        }
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String child = JsonPointer.child(pointer, key);
                    Place keyPlace = place(p.currentTokenLocation());
                    if (o.has(key)) {
                        throw new ImportException(source.problem(keyPlace.line(), keyPlace.column(), child,
                                "duplicate key \"" + key + "\" (first at line " + places.get(child).line() + ")"));
                    }
                    places.put(child, keyPlace);
                    p.nextToken();
                    o.set(key, value(p, child, places, source));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(value(p, JsonPointer.child(pointer, a.size()), places, source));
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(p.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDecimalValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new ImportException(source.problem(places.get(pointer).line(), places.get(pointer).column(), pointer,
                    "unexpected " + p.currentToken()));
        };
    }

    private static Place place(JsonLocation l) {
        return new Place(Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }
}
