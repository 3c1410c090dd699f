package org.nslab.gui.problems;

import java.util.List;
import java.util.Optional;
import org.nslab.engine.problem.JsonPointer;
import org.nslab.gui.document.ElementRef;

/** The design element a JSON Pointer lands in; pointers themselves are the engine's {@link JsonPointer}. */
public final class Pointers {
    private Pointers() {}

    /** The pointer made of {@code tokens}, escaping {@code ~} and {@code /}. */
    public static String of(Object... tokens) {
        return JsonPointer.of(tokens);
    }

    /** The unescaped tokens of {@code pointer}; the empty pointer has none. */
    public static List<String> tokens(String pointer) {
        return JsonPointer.tokens(pointer);
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
