package org.nslab.engine.protocol;

import java.util.Arrays;

/** Why a request failed, as the {@code code} of an error response; each maps to the CLI's exit status. */
public enum ErrorCode {
    /** Not a request of this protocol: malformed JSON, too large, unknown type, no hello. The helper hangs up. */
    BAD_REQUEST("bad-request", 2),
    /** Client and helper share no protocol version. The helper hangs up. */
    UNSUPPORTED_VERSION("unsupported-version", 2),
    /** The design breaks the format's rules; {@code problems} lists them. Nothing was changed. */
    INVALID_DESIGN("invalid-design", 1),
    /** A lab name that is not a valid lab name. */
    INVALID_NAME("invalid-name", 2),
    /** No applied lab of that name is visible to the caller. */
    NOT_FOUND("not-found", 2),
    /** The lab belongs to another user. */
    FORBIDDEN("forbidden", 4),
    /** The kernel refused a step, or a name is taken by an object the lab does not own; rolled back. */
    KERNEL("kernel", 3),
    /** A check of the design did not give the expected result. */
    CHECK_FAILED("check-failed", 3),
    /** The helper is serving too many connections; try again. */
    BUSY("busy", 4),
    /** A fault inside the helper; nothing the client can fix. */
    INTERNAL("internal", 3);

    private final String wire;
    private final int exitStatus;

    ErrorCode(String wire, int exitStatus) {
        this.wire = wire;
        this.exitStatus = exitStatus;
    }

    public String wire() { return wire; }

    /** The CLI's exit status for this failure (docs/protocol.md and the CLI page agree on these). */
    public int exitStatus() { return exitStatus; }

    /** The code for a wire name; unknown names (a newer helper) count as {@link #INTERNAL}. */
    public static ErrorCode fromWire(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst().orElse(INTERNAL);
    }
}
