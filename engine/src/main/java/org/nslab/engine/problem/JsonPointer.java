package org.nslab.engine.problem;

import java.util.ArrayList;
import java.util.List;

/**
 * JSON Pointers (RFC 6901), the one implementation: built by the reader, the binder, the validator and the
 * protocol, taken apart by the designer. A pointer is kept as its text ({@code /namespaces/red/routes/0}) since
 * that is what problems carry and print; the document itself is the empty pointer.
 */
public final class JsonPointer {
    private JsonPointer() {}

    /** The pointer made of {@code tokens} (keys or indexes), each escaped. */
    public static String of(Object... tokens) {
        StringBuilder sb = new StringBuilder();
        for (Object t : tokens) sb.append('/').append(escape(String.valueOf(t)));
        return sb.toString();
    }

    public static String child(String parent, String key) {
        return parent + "/" + escape(key);
    }

    public static String child(String parent, int index) {
        return parent + "/" + index;
    }

    /** The unescaped tokens of {@code pointer}; the empty pointer has none. */
    public static List<String> tokens(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer == null || pointer.isEmpty()) return out;
        if (!pointer.startsWith("/")) throw new IllegalArgumentException("not a JSON pointer: " + pointer);
        for (String raw : pointer.substring(1).split("/", -1)) out.add(raw.replace("~1", "/").replace("~0", "~"));
        return out;
    }

    /** True when {@code pointer} is {@code ancestor} or lies below it. */
    public static boolean within(String pointer, String ancestor) {
        return pointer.equals(ancestor) || pointer.startsWith(ancestor + "/");
    }

    /** The parent pointer; the document's pointer is its own parent. */
    public static String parent(String pointer) {
        int i = pointer.lastIndexOf('/');
        return i <= 0 ? "" : pointer.substring(0, i);
    }

    private static String escape(String token) {
        if (token.indexOf('~') < 0 && token.indexOf('/') < 0) return token;
        return token.replace("~", "~0").replace("/", "~1");
    }
}
