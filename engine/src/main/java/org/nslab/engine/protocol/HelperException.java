package org.nslab.engine.protocol;

import java.util.List;
import org.nslab.engine.problem.Problem;

/** A request the helper answered with an error, or a helper that could not be reached or understood. */
public class HelperException extends Exception {
    private final ErrorCode code;
    private final List<Problem> problems;
    private final transient com.fasterxml.jackson.databind.JsonNode object;

    public HelperException(ErrorCode code, String message, List<Problem> problems) {
        this(code, message, problems, null);
    }

    /** {@code object}: the kernel object the error concerns, as the helper sent it (version 7), or null. */
    public HelperException(ErrorCode code, String message, List<Problem> problems, com.fasterxml.jackson.databind.JsonNode object) {
        super(message);
        this.code = code;
        this.problems = List.copyOf(problems);
        this.object = object;
    }

    /** The helper's answer to a request, as the exception a client throws. */
    public static HelperException of(Response.Error e) {
        return new HelperException(ErrorCode.fromWire(e.code()), e.message(), e.problems(), e.object());
    }

    /** The kernel object the error concerns as the helper sent it, or null (an older helper names it in the message). */
    public com.fasterxml.jackson.databind.JsonNode object() { return object; }

    public HelperException(ErrorCode code, String message) {
        this(code, message, List.of());
    }

    public ErrorCode code() { return code; }

    /** The design's problems, for {@link ErrorCode#INVALID_DESIGN}. */
    public List<Problem> problems() { return problems; }

    /** The CLI's exit status for this failure. */
    public int exitStatus() { return code.exitStatus(); }
}
