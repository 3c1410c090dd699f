package org.nslab.engine.problem;

/**
 * One thing wrong with a design, at a JSON Pointer. {@code line}/{@code column} are 1-based places in the
 * source file, or 0 when the problem was found in a design that has no source (e.g. one built in the designer).
 */
public record Problem(String file, int line, int column, String pointer, String message) {

    public Problem {
        pointer = pointer == null ? "" : pointer;
    }

    /** A problem found without a source file. */
    public static Problem at(String pointer, String message) {
        return new Problem(null, 0, 0, pointer, message);
    }

    public Problem withPlace(String newFile, int newLine, int newColumn) {
        return new Problem(newFile, newLine, newColumn, pointer, message);
    }

    /**
     * {@code file:line:col /pointer: message}, as compilers print errors, on one line. The pointer of the whole document
     * is empty, so it is left out; so are a missing file and a missing place.
     */
    public String format() {
        StringBuilder sb = new StringBuilder();
        if (file != null) sb.append(file);
        if (line > 0) sb.append(sb.isEmpty() ? "" : ":").append(line).append(':').append(column);
        if (!pointer.isEmpty()) sb.append(sb.isEmpty() ? "" : " ").append(Texts.escapeControls(pointer));
        // Keys and values from the file may hold control characters; a printed problem must stay one plain line.
        return sb.append(sb.isEmpty() ? "" : ": ").append(Texts.escapeControls(message)).toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
