package io.recoverymanager.daemon.control;

/**
 * The file system does not let this user reach the control socket (or its directory): the socket
 * is root's, or its configured group's ({@code [control] group}).
 *
 * <p>Thread-safety: immutable.
 */
public final class ControlDeniedException extends ControlUnavailableException {
    private static final long serialVersionUID = 1L;

    public ControlDeniedException(String message, Throwable cause) {
        super(message, cause);
    }
}
