package org.nslab.helper.apply;

/**
 * The kernel (or iptables-restore) refused a step. {@code errno} is the errno's name ({@code EEXIST}) or, for
 * a refused rule set, the tool's name; {@code object} says what the step concerned; {@code index} is the
 * position of the refused step in the list given to {@link Kernel#execute}, or -1 when unknown.
 */
public final class StepFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String errno;
    private final int errnoNumber;
    private final String object;
    private final int index;

    public StepFailedException(String errno, int errnoNumber, String object, String message, int index, Throwable cause) {
        super(message, cause);
        this.errno = errno;
        this.errnoNumber = errnoNumber;
        this.object = object;
        this.index = index;
    }

    public String errno() { return errno; }

    public int errnoNumber() { return errnoNumber; }

    public String object() { return object; }

    public int index() { return index; }

    /** The same refusal, placed at another index (a batch inside a longer run). */
    public StepFailedException at(int newIndex) {
        return new StepFailedException(errno, errnoNumber, object, getMessage(), newIndex, getCause());
    }

    /** True for the errors that mean the object is already gone, which undo and teardown take as done. */
    public boolean alreadyGone() {
        return switch (errno) {
            case "ENOENT", "ENODEV", "ESRCH", "EADDRNOTAVAIL" -> true;
            default -> false;
        };
    }
}
