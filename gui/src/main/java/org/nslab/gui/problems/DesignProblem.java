package org.nslab.gui.problems;

import java.util.Objects;
import org.nslab.engine.problem.Problem;

/** One validation problem of the design being edited: a JSON Pointer into the design and a message. */
public record DesignProblem(String pointer, String message, boolean warning) {
    public DesignProblem {
        Objects.requireNonNull(pointer);
        Objects.requireNonNull(message);
    }

    public DesignProblem(String pointer, String message) {
        this(pointer, message, false);
    }

    /** Valid, but probably not what was meant (see {@link Warnings}); a warning does not stop an apply. */
    public static DesignProblem warning(String pointer, String message) {
        return new DesignProblem(pointer, message, true);
    }

    public static DesignProblem of(Problem p) {
        return new DesignProblem(p.pointer(), p.message());
    }

    /** As the problems panel shows it: {@code /pointer: message}. */
    public String format() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + (warning ? "warning: " : "") + message;
    }

    /** True when this problem concerns the value at {@code fieldPointer} or something inside it. */
    public boolean isAt(String fieldPointer) {
        return pointer.equals(fieldPointer) || pointer.startsWith(fieldPointer + "/");
    }
}
