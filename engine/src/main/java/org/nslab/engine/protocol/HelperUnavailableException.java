package org.nslab.engine.protocol;

import java.nio.file.Path;

/**
 * The helper's socket is missing, refuses the caller, or nobody answers on it. The message says how to start
 * the helper and how to get access, since that is what the user has to do next.
 */
public final class HelperUnavailableException extends HelperException {
    /** Why the connection failed. */
    public enum Reason { MISSING, DENIED, NOT_LISTENING, BROKEN }

    private final Reason reason;

    public HelperUnavailableException(Reason reason, Path socket, String detail) {
        super(ErrorCode.FORBIDDEN, message(reason, socket, detail));
        this.reason = reason;
    }

    public Reason reason() { return reason; }

    private static String message(Reason reason, Path socket, String detail) {
        String what = switch (reason) {
            case MISSING -> "the nslab helper is not running (no socket at " + socket + ")";
            case DENIED -> "permission denied on the nslab helper's socket " + socket
                    + " (only root and members of its group may use it)";
            case NOT_LISTENING -> "nothing is listening on " + socket + " (a helper that stopped uncleanly?)";
            case BROKEN -> "the nslab helper at " + socket + " did not answer properly: " + detail;
        };
        return what + "\n"
                + "  start it:         sudo systemctl enable --now nslab-helper   (or run: sudo nslab helper)\n"
                + "  join its group:   sudo usermod -aG nslab $USER   then log in again (or: newgrp nslab)";
    }
}
