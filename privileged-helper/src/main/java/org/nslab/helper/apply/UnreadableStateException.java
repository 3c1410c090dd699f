package org.nslab.helper.apply;

/**
 * A lab's recorded state cannot be believed (truncated, changed, not root's 0600 file). The lab is isolated: it
 * is listed as unreadable, only root may tear it down (from the kernel's ownership tags), and every other lab
 * goes on as before.
 */
public final class UnreadableStateException extends RuntimeException {
    private final String lab;

    public UnreadableStateException(String lab, String reason) {
        super("the state of lab " + lab + " is unreadable: " + reason);
        this.lab = lab;
    }

    public String lab() {
        return lab;
    }
}
