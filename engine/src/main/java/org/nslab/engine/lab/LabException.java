package org.nslab.engine.lab;

import java.util.List;
import org.nslab.engine.problem.Problem;
import org.nslab.engine.protocol.ErrorCode;

/**
 * A lab operation that did not do what was asked; the kernel is as it was before (a refused apply was rolled
 * back). {@code code} decides the CLI's exit status; {@code object} is the kernel object concerned, when known;
 * {@code details} and {@code problems} say more; {@code guidance} is what the user can do about it, or null.
 */
public final class LabException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient List<String> details;
    private final transient List<Problem> problems;
    private final transient KernelObject object;
    private final String guidance;

    public LabException(ErrorCode code, String message, List<String> details, List<Problem> problems, KernelObject object,
                        String guidance, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = List.copyOf(details);
        this.problems = List.copyOf(problems);
        this.object = object;
        this.guidance = guidance;
    }

    public LabException(ErrorCode code, String message) {
        this(code, message, List.of(), List.of(), null, null, null);
    }

    public LabException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), List.of(), null, null, cause);
    }

    public ErrorCode code() { return code; }

    public List<String> details() { return details; }

    public List<Problem> problems() { return problems; }

    public KernelObject object() { return object; }

    public String guidance() { return guidance; }

    /** The CLI's exit status for this failure. */
    public int exitStatus() { return code.exitStatus(); }
}
