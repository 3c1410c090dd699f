package org.nslab.engine.io;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints a JSON tree the one way nslab saves files, so that equal designs give equal bytes and diffs stay
 * small: keys sorted, two-space indent, one member or element per line, {@code "key": value}, empty
 * containers as {@code {}} and {@code []}, non-ASCII text as UTF-8, and a newline at the end.
 */
final class CanonicalPrinter {
    private final StringBuilder out = new StringBuilder();

    private CanonicalPrinter() {}

    static String print(JsonNode root) {
        CanonicalPrinter p = new CanonicalPrinter();
        p.value(root, 0);
        return p.out.append('\n').toString();
    }

    private void value(JsonNode v, int depth) {
        if (v.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(v.properties());
            if (members.isEmpty()) {
                out.append("{}");
                return;
            }
            members.sort(Map.Entry.comparingByKey());
            out.append("{\n");
            for (int i = 0; i < members.size(); i++) {
                indent(depth + 1);
                string(members.get(i).getKey());
                out.append(": ");
                value(members.get(i).getValue(), depth + 1);
                out.append(i + 1 < members.size() ? ",\n" : "\n");
            }
            indent(depth);
            out.append('}');
        } else if (v.isArray()) {
            if (v.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append("[\n");
            for (int i = 0; i < v.size(); i++) {
                indent(depth + 1);
                value(v.get(i), depth + 1);
                out.append(i + 1 < v.size() ? ",\n" : "\n");
            }
            indent(depth);
            out.append(']');
        } else if (v.isTextual()) {
            string(v.textValue());
        } else {
            // Numbers, booleans and null print as JSON literals.
            out.append(v.toString());
        }
    }

    private void string(String s) {
        out.append('"');
        out.append(JsonStringEncoder.getInstance().quoteAsString(s));
        out.append('"');
    }

    private void indent(int depth) {
        out.append("  ".repeat(depth));
    }
}
