package org.nslab.cli;

/** Exit statuses every verb uses, as the command-line documentation fixes them. */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** The design is invalid; nothing was changed. */
    public static final int INVALID = 1;
    /** Wrong options or arguments. */
    public static final int USAGE = 2;
    /** The kernel refused a step (the run was rolled back), or a check failed. */
    public static final int FAILED = 3;
    /** No permission, or the helper cannot be reached. */
    public static final int NO_PERMISSION = 4;
}
