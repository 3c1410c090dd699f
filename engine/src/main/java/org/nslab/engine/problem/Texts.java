package org.nslab.engine.problem;

/** How values appear inside messages: quoted, shortened, control characters made visible. */
public final class Texts {
    private Texts() {}

    public static String quote(String s) {
        if (s == null) return "null";
        String shown = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        StringBuilder sb = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            if (c == '"' || c == '\\') sb.append('\\').append(c);
            else if (isControl(c)) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.append('"').toString();
    }

    /** C0, DEL, C1 and the Unicode line and paragraph separators: characters that can break a line or a terminal. */
    public static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
    }

    /** The first control character of {@code s}, or -1. */
    public static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) if (isControl(s.charAt(i))) return i;
        return -1;
    }

    /** {@code s} with every control character written as {@code \\uXXXX}, so printing it cannot move the cursor or forge a line. */
    public static String escapeControls(String s) {
        if (firstControl(s) < 0) return s;
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (isControl(c)) sb.append(String.format("\\u%04x", (int) c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
