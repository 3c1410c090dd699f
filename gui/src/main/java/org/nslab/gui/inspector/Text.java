package org.nslab.gui.inspector;

/** Field text to model values and back; empty text means "not set" (the format's default). */
final class Text {
    private Text() {}

    static String of(Object value) {
        return value == null ? "" : value.toString();
    }

    static String optional(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? null : t;
    }

    static Integer integer(String text, String what) {
        String t = optional(text);
        if (t == null) return null;
        if (!t.matches("-?[0-9]{1,10}")) throw new IllegalArgumentException(what + " must be a whole number");
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is too large");
        }
    }

    /** A check box's text: {@code true}/{@code false}; a value equal to the default is stored as "not set". */
    static Boolean bool(String text, boolean defaultValue) {
        boolean b = Boolean.parseBoolean(optional(text));
        return b == defaultValue ? null : b;
    }

    static String bool(Boolean value, boolean defaultValue) {
        return String.valueOf(value == null ? defaultValue : value);
    }
}
