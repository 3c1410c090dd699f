package org.nslab.engine.interop;

import java.nio.file.Path;
import org.nslab.engine.problem.Problem;

/**
 * The text of another tool's file, with the name its problems and notes carry and the folder it came from
 * (where a containerlab annotations file may sit beside it); {@code folder} is null for text without a file.
 */
public record Source(String name, String text, Path folder) {
    public Source {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
    }

    public static Source of(String name, String text) {
        return new Source(name, text, null);
    }

    Problem problem(int line, int column, String pointer, String message) {
        return new Problem(name, line, column, pointer, message);
    }
}
