package org.nslab.helper.apply;

import java.util.List;
import org.nslab.engine.lab.KernelObject;

/**
 * Why apply or teardown did not do what was asked. In every case the kernel is left as it was before the
 * call (for {@link Reason#REFUSED}: everything the run created was removed again; {@code details} lists what
 * the undo could not remove, if anything).
 */
public final class ApplyException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** The design has problems; nothing was changed. */
        INVALID(1),
        /** A name the lab needs is taken by an object it does not own; nothing was changed. */
        CONFLICT(3),
        /** The kernel refused a step; the run was rolled back. */
        REFUSED(3),
        /** The lab belongs to another user. */
        NOT_OWNER(4),
        /** Another process kept working on the lab for longer than the wait; nothing was changed. */
        BUSY(4),
        /** No such lab is applied, or it has no such node. */
        NOT_FOUND(1);

        public final int exitCode;

        Reason(int exitCode) {
            this.exitCode = exitCode;
        }
    }

    private final Reason reason;
    private final transient List<String> details;
    private final String errno;
    private final String object;
    private final transient KernelObject target;

    public ApplyException(Reason reason, String message, List<String> details, String errno, String object) {
        this(reason, message, details, errno, object, null);
    }

    public ApplyException(Reason reason, String message, List<String> details, String errno, String object, KernelObject target) {
        super(message);
        this.reason = reason;
        this.details = List.copyOf(details);
        this.errno = errno;
        this.object = object;
        this.target = target;
    }

    public Reason reason() { return reason; }

    public List<String> details() { return details; }

    /** For {@link Reason#REFUSED}: the errno's name; otherwise null. */
    public String errno() { return errno; }

    /** For {@link Reason#REFUSED} and {@link Reason#CONFLICT}: the object concerned. */
    public String object() { return object; }

    /** The kernel object concerned (the refused step's, the conflicting one, the lab), or null. */
    public KernelObject target() { return target; }
}
