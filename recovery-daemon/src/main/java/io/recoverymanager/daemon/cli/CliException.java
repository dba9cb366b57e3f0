package io.recoverymanager.daemon.cli;

/**
 * A command failed in an expected way: the message is printed (no stack trace) and the process
 * exits with {@link #exitCode()}.
 *
 * <p>Thread-safety: immutable.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The sysexits code to exit with, see {@link ExitCodes}. */
    public int exitCode() {
        return exitCode;
    }
}
