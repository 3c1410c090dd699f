package org.nslab.engine.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nslab.engine.problem.JsonPointer;

/** Typed access to a source tree: a value of the wrong type is input not understood, placed where it is. */
final class Fields {
    private Fields() {}

    static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        if (n.isNull()) return "null";
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        if (n.isTextual()) return "the text \"" + n.textValue() + "\"";
        if (n.isBoolean()) return n.asText();
        return "the number " + n.asText();
    }

    /** A mapping; null or absent gives null (YAML writes an empty mapping as nothing). */
    static JsonNode mapping(SourceTree t, JsonNode n, String pointer, String what) throws ImportException {
        if (n == null || n.isNull()) return null;
        if (!n.isObject()) throw t.error(pointer, what + " must be a mapping, found " + describe(n));
        return n;
    }

    static JsonNode list(SourceTree t, JsonNode n, String pointer, String what) throws ImportException {
        if (n == null || n.isNull()) return null;
        if (!n.isArray()) throw t.error(pointer, what + " must be a list, found " + describe(n));
        return n;
    }

    /** A scalar as text (YAML's {@code 1500} and {@code "1500"} alike), or null when absent. */
    static String text(SourceTree t, JsonNode n, String pointer, String what) throws ImportException {
        if (n == null || n.isNull()) return null;
        if (!n.isValueNode()) throw t.error(pointer, what + " must be a single value, found " + describe(n));
        return n.asText();
    }

    static String requiredText(SourceTree t, JsonNode parent, String key, String pointer, String what) throws ImportException {
        String s = text(t, parent.get(key), JsonPointer.child(pointer, key), what);
        if (s == null || s.isEmpty()) throw t.error(pointer, "missing " + key + ": " + what);
        return s;
    }

    static Integer integer(SourceTree t, JsonNode n, String pointer, String what) throws ImportException {
        String s = text(t, n, pointer, what);
        if (s == null) return null;
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            throw t.error(pointer, what + " must be a whole number, found " + describe(n));
        }
    }

    static Double number(SourceTree t, JsonNode n, String pointer, String what) throws ImportException {
        String s = text(t, n, pointer, what);
        if (s == null || s.isBlank()) return null;
        try {
            double d = Double.parseDouble(s.trim());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw t.error(pointer, what + " must be a number, found " + describe(n));
        }
    }

    static List<String> keys(JsonNode object) {
        List<String> out = new ArrayList<>();
        if (object != null) object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Notes every key of {@code object} that is not {@code known}: what the importer does not read is said, not dropped. */
    static void noteUnknown(DesignBuilder d, JsonNode object, String pointer, Set<String> known, String context) {
        for (String k : keys(object)) {
            if (!known.contains(k)) d.noteOnce(JsonPointer.child(pointer, k), context + ": \"" + k + "\" is not carried over");
        }
    }
}
