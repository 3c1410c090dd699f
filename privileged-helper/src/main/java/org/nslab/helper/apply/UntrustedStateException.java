package org.nslab.helper.apply;

/** The state folder is not one only root can change: the helper will not act on it, nor start. */
public final class UntrustedStateException extends RuntimeException {
    public UntrustedStateException(String message) {
        super(message);
    }
}
