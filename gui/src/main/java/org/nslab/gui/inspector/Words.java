package org.nslab.gui.inspector;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code run} command as one line of text and back. The command stays an argv array: no shell ever reads this
 * text, so {@code $}, {@code *}, {@code ;}, {@code |}, {@code ~} and the like are plain characters. The rule:
 * <ul>
 *   <li>spaces and tabs separate arguments;</li>
 *   <li>{@code 'single quotes'} keep everything inside as it is;</li>
 *   <li>{@code "double quotes"} keep everything inside except {@code \"} and {@code \\}, which stand for
 *       {@code "} and {@code \};</li>
 *   <li>outside quotes a backslash takes the next character as it is;</li>
 *   <li>quoted and unquoted parts that touch make one argument, and {@code ''} is an empty argument.</li>
 * </ul>
 */
public final class Words {
    private static final Pattern PLAIN = Pattern.compile("[^\\s'\"\\\\]+");

    private Words() {}

    /** The arguments the text stands for; throws IllegalArgumentException for a quote left open. */
    public static List<String> parse(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) words.add(word.toString());
                word.setLength(0);
                inWord = false;
                i++;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) throw open('\'', i);
                word.append(text, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                int j = i + 1;
                while (true) {
                    if (j >= text.length()) throw open('"', i);
                    char d = text.charAt(j);
                    if (d == '"') break;
                    if (d == '\\' && j + 1 < text.length() && (text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\\')) {
                        word.append(text.charAt(j + 1));
                        j += 2;
                    } else {
                        word.append(d);
                        j++;
                    }
                }
                inWord = true;
                i = j + 1;
            } else if (c == '\\') {
                if (i + 1 >= text.length()) {
                    throw new IllegalArgumentException("the backslash at column " + (i + 1)
                            + " escapes nothing; write \\\\ for a backslash");
                }
                word.append(text.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) words.add(word.toString());
        return words;
    }

    private static IllegalArgumentException open(char quote, int at) {
        return new IllegalArgumentException("the " + quote + " at column " + (at + 1) + " is not closed; close it with "
                + quote + " (quotes group words into one argument)");
    }

    /** The text that {@link #parse} reads back as exactly {@code argv}. */
    public static String format(List<String> argv) {
        List<String> out = new ArrayList<>(argv.size());
        for (String a : argv) {
            if (PLAIN.matcher(a).matches()) out.add(a);
            else if (a.indexOf('\'') < 0) out.add("'" + a + "'");
            else out.add("\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return String.join(" ", out);
    }
}
