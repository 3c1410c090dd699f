package org.nslab.engine.validate;

import java.util.ArrayList;
import java.util.List;
import org.nslab.engine.io.Problem;
import org.nslab.engine.io.Texts;

/** Collects problems in the order the rules find them. */
final class Report {
    private final List<Problem> problems = new ArrayList<>();

    void add(String pointer, String message) {
        problems.add(Problem.at(pointer, message));
    }

    /** Refuses control characters in free text; returns false when it reported one. */
    boolean plainText(String pointer, String value) {
        if (value == null) return true;
        int i = Texts.firstControl(value);
        if (i < 0) return true;
        add(pointer, "contains a control character (" + String.format("U+%04X", (int) value.charAt(i)) + ") at position " + (i + 1)
                + "; values in a design may not contain newlines, tabs, NUL or other control characters");
        return false;
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    static String q(String s) {
        return Texts.quote(s);
    }
}
