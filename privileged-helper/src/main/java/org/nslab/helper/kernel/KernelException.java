package org.nslab.helper.kernel;

import org.nslab.helper.netlink.Errno;
import org.nslab.helper.netlink.ErrnoException;

/**
 * The kernel refused a step. Carries the errno by name and number and the object the step concerned, so the
 * message reads like {@code create veth red-eth0 in lab-red: EEXIST (File exists)}. {@code errno} is 0 when
 * the failure was not a kernel error number (for example an unreadable /etc/passwd).
 */
public class KernelException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String object;
    private final int errno;
    private final String detail;
    private int step = -1;

    public KernelException(String object, int errno, String detail) {
        this(object, errno, detail, null);
    }

    public KernelException(String object, int errno, String detail, Throwable cause) {
        super(object + ": " + (errno == 0 ? "" : Errno.name(errno) + " (" + Errno.describe(errno) + ")")
                + (detail == null || detail.isEmpty() ? "" : (errno == 0 ? "" : ": ") + detail), cause);
        this.object = object;
        this.errno = errno;
        this.detail = detail;
    }

    /** Wraps a refused call, naming the object it was for. */
    public static KernelException of(String object, ErrnoException e) {
        return new KernelException(object, e.errno(), e.detail(), e);
    }

    /** Wraps a failure that has no errno (an I/O problem, a bad argument). */
    public static KernelException other(String object, String reason, Throwable cause) {
        return new KernelException(object, 0, reason, cause);
    }

    /** What the failed step concerned, for example "veth red-eth0 in lab-red". */
    public String object() { return object; }

    /** The errno number, 0 when there was none. */
    public int errno() { return errno; }

    /** The errno's name ("EEXIST"), or "" when there was none. */
    public String errnoName() { return errno == 0 ? "" : Errno.name(errno); }

    /** The kernel's extended-ack text or another reason, or null. */
    public String detail() { return detail; }

    /** The index of the refused operation in the list given to {@link KernelExecutor#executeAll}, or -1. */
    public int step() { return step; }

    KernelException atStep(int index) {
        this.step = index;
        return this;
    }
}
