package org.nslab.engine.protocol;

/** A message that is not part of the protocol: unreadable bytes, malformed JSON, an unknown type, too large. */
public final class ProtocolException extends Exception {
    public ProtocolException(String message) {
        super(message);
    }
}
