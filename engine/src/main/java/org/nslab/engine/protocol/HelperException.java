package org.nslab.engine.protocol;

import java.util.List;
import org.nslab.engine.problem.Problem;

/** A request the helper answered with an error, or a helper that could not be reached or understood. */
public class HelperException extends Exception {
    private final ErrorCode code;
    private final List<Problem> problems;

    public HelperException(ErrorCode code, String message, List<Problem> problems) {
        super(message);
        this.code = code;
        this.problems = List.copyOf(problems);
    }

    public HelperException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ErrorCode code() { return code; }

    /** The design's problems, for {@link ErrorCode#INVALID_DESIGN}. */
    public List<Problem> problems() { return problems; }

    /** The CLI's exit status for this failure. */
    public int exitStatus() { return code.exitStatus(); }
}
