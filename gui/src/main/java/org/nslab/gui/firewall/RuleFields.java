package org.nslab.gui.firewall;

import java.util.Arrays;
import java.util.List;
import org.nslab.engine.model.Rule;

/** Reads and replaces one field of a {@link Rule} by its name in the file format. */
final class RuleFields {
    private RuleFields() {}

    static final List<String> ALL = List.of("proto", "source", "destination", "in", "out", "sport", "dport", "state",
            "icmpType", "not", "target", "toSource", "toDestination", "toPorts", "rejectWith", "logPrefix", "setMark", "comment");

    /** The field as text; lists are comma-separated. */
    static String get(Rule r, String field) {
        Object v = switch (field) {
            case "proto" -> r.proto();
            case "source" -> r.source();
            case "destination" -> r.destination();
            case "in" -> r.in();
            case "out" -> r.out();
            case "sport" -> r.sport();
            case "dport" -> r.dport();
            case "state" -> String.join(",", r.state());
            case "icmpType" -> r.icmpType();
            case "not" -> String.join(",", r.not());
            case "target" -> r.target();
            case "toSource" -> r.toSource();
            case "toDestination" -> r.toDestination();
            case "toPorts" -> r.toPorts();
            case "rejectWith" -> r.rejectWith();
            case "logPrefix" -> r.logPrefix();
            case "setMark" -> r.setMark();
            case "comment" -> r.comment();
            default -> throw new IllegalArgumentException("no rule field " + field);
        };
        return v == null ? "" : v.toString();
    }

    /** The rule with {@code field} set from {@code text}; empty text unsets it. */
    static Rule with(Rule r, String field, String text) {
        // A comment keeps its inner spaces; every other field is a token.
        String v = text == null ? null : field.equals("comment") ? text : text.strip();
        if (v != null && v.isEmpty()) v = null;
        List<String> list = v == null ? List.of() : Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new Rule(
                field.equals("proto") ? v : r.proto(),
                field.equals("source") ? v : r.source(),
                field.equals("destination") ? v : r.destination(),
                field.equals("in") ? v : r.in(),
                field.equals("out") ? v : r.out(),
                field.equals("sport") ? v : r.sport(),
                field.equals("dport") ? v : r.dport(),
                field.equals("state") ? list : r.state(),
                field.equals("icmpType") ? v : r.icmpType(),
                field.equals("not") ? list : r.not(),
                field.equals("target") ? v : r.target(),
                field.equals("toSource") ? v : r.toSource(),
                field.equals("toDestination") ? v : r.toDestination(),
                field.equals("toPorts") ? v : r.toPorts(),
                field.equals("rejectWith") ? v : r.rejectWith(),
                field.equals("logPrefix") ? v : r.logPrefix(),
                field.equals("setMark") ? v : r.setMark(),
                field.equals("comment") ? v : r.comment());
    }

    /** A short one-line description for the rules table: the matches that are set. */
    static String matches(Rule r) {
        StringBuilder sb = new StringBuilder();
        for (String f : List.of("proto", "source", "destination", "in", "out", "sport", "dport", "state", "icmpType")) {
            String v = get(r, f);
            if (v.isEmpty()) continue;
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(r.not().contains(f) ? "!" : "").append(f).append('=').append(v);
        }
        return sb.isEmpty() ? "any" : sb.toString();
    }
}
