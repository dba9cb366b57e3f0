package io.recoverymanager.dispatch.protocol;

/**
 * A frame that violates the protocol: unknown type, bad length, malformed field, trailing bytes.
 * The connection it arrived on is closed; nothing else is affected.
 *
 * <p>Thread-safety: immutable.
 */
public final class ProtocolException extends Exception {
    public ProtocolException(String message) {
        super(message);
    }
}
