package io.recoverymanager.daemon.control;

/**
 * The daemon could not be reached on its control socket: it is not running, the socket is
 * missing, or it did not answer in time; {@link ControlDeniedException} when this user may not reach
 * the socket at all.
 *
 * <p>Thread-safety: immutable.
 */
public class ControlUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ControlUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ControlUnavailableException(String message) {
        super(message);
    }
}
