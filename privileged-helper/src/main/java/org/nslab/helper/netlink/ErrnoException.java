package org.nslab.helper.netlink;

/**
 * A system call or netlink request that the kernel refused. {@code detail} is the kernel's own extended-ack
 * text when it gave one ("Nexthop has invalid gateway"), else null.
 */
public final class ErrnoException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;
    private final String detail;

    public ErrnoException(String call, int errno, String detail) {
        super(call + ": " + Errno.name(errno) + " (" + Errno.describe(errno) + ")" + (detail == null ? "" : ": " + detail));
        this.errno = errno;
        this.detail = detail;
    }

    public static ErrnoException of(String call, com.sun.jna.LastErrorException e) {
        return new ErrnoException(call, e.getErrorCode(), null);
    }

    public int errno() { return errno; }

    public String errnoName() { return Errno.name(errno); }

    public String detail() { return detail; }
}
