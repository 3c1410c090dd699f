package org.nslab.engine.validate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.problem.Suggest;
import org.nslab.engine.problem.Texts;

/** Collects problems in the order the rules find them. */
final class Report {
    /** How many names a message lists before it says how many more there are. */
    static final int LISTED_NAMES = 10;
    private final List<Problem> problems = new ArrayList<>();
    private final Suggest.Budget suggestions = new Suggest.Budget(Suggest.Budget.DEFAULT);

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

    /** " (did you mean ...?)" or nothing; the search is bounded per validation, so many typos stay linear. */
    String hint(String typed, Collection<String> candidates) {
        return Suggest.closest(typed, candidates, suggestions).map(s -> " (did you mean " + q(s) + "?)").orElse("");
    }

    /**
     * The names that exist, after a label: at most {@link #LISTED_NAMES} of them, then how many more. Each problem
     * of a design with thousands of names must stay one short line, or the report grows with the square of it.
     */
    static String known(String label, Collection<String> names) {
        if (names.isEmpty()) return "";
        String listed = listed(names);
        return label.isEmpty() ? ": " + listed : ";" + label + " are: " + listed;
    }

    /** At most {@link #LISTED_NAMES} names joined by commas, then "and N more". */
    static String listed(Collection<String> names) {
        List<String> first = names.stream().limit(LISTED_NAMES).toList();
        String joined = String.join(", ", first);
        return names.size() <= LISTED_NAMES ? joined : joined + " and " + (names.size() - LISTED_NAMES) + " more";
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    static String q(String s) {
        return Texts.quote(s);
    }
}
