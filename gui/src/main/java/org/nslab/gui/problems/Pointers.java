package org.nslab.gui.problems;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nslab.gui.document.ElementRef;

/** JSON Pointers (RFC 6901) into a design, and the design element a pointer lands in. */
public final class Pointers {
    private Pointers() {}

    /** The pointer made of {@code tokens}, escaping {@code ~} and {@code /}. */
    public static String of(Object... tokens) {
        StringBuilder sb = new StringBuilder();
        for (Object t : tokens) sb.append('/').append(String.valueOf(t).replace("~", "~0").replace("/", "~1"));
        return sb.toString();
    }

    /** The unescaped tokens of {@code pointer}; the empty pointer has none. */
    public static List<String> tokens(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer == null || pointer.isEmpty()) return out;
        if (!pointer.startsWith("/")) throw new IllegalArgumentException("not a JSON pointer: " + pointer);
        for (String raw : pointer.substring(1).split("/", -1)) out.add(raw.replace("~1", "/").replace("~0", "~"));
        return out;
    }

    /**
     * The element {@code pointer} lands in: {@code /namespaces/<id>/...}, {@code /bridges/<id>/...},
     * {@code /tuns/<id>/...}, {@code /veths/<i>/...}, or {@code /layout/<id>} (the node at that id, which
     * names a namespace, bridge or TUN; ids share one space, so the namespace kind is only a guess and
     * {@code kindOf} settles it). Empty for top-level fields and checks.
     */
    public static Optional<ElementRef> element(String pointer, java.util.function.Function<String, ElementRef> kindOf) {
        List<String> t;
        try {
            t = tokens(pointer);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (t.size() < 2) return Optional.empty();
        String id = t.get(1);
        return switch (t.get(0)) {
            case "namespaces" -> Optional.of(new ElementRef.NamespaceRef(id));
            case "bridges" -> Optional.of(new ElementRef.BridgeRef(id));
            case "tuns" -> Optional.of(new ElementRef.TunRef(id));
            case "veths" -> index(id).map(ElementRef.VethRef::new);
            case "layout" -> Optional.ofNullable(kindOf.apply(id));
            default -> Optional.empty();
        };
    }

    private static Optional<Integer> index(String token) {
        if (!token.matches("0|[1-9][0-9]{0,8}")) return Optional.empty();
        return Optional.of(Integer.parseInt(token));
    }
}
