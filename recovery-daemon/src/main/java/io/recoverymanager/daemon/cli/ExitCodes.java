package io.recoverymanager.daemon.cli;

/**
 * Process exit codes, following sysexits(3) where one fits.
 *
 * <p>Thread-safety: constants only.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** {@code check}: at least one unit is invalid. */
    public static final int INVALID_UNITS = 1;
    /** EX_USAGE: the command line was wrong. */
    public static final int USAGE = 64;
    /** EX_DATAERR: input data (a unit, an old-format file) was wrong. */
    public static final int DATA_ERROR = 65;
    /** EX_NOINPUT: an input file does not exist or cannot be read. */
    public static final int NO_INPUT = 66;
    /** EX_UNAVAILABLE: a needed service (the daemon, the database) is not available. */
    public static final int UNAVAILABLE = 69;
    /** EX_SOFTWARE: an internal error, or a feature not wired yet. */
    public static final int SOFTWARE = 70;
    /** EX_OSERR: an operating system error (a socket cannot be set up). */
    public static final int OS_ERROR = 71;
    /** EX_CANTCREAT: an output file cannot be created. */
    public static final int CANNOT_CREATE = 73;
    /** EX_IOERR: an input/output error. */
    public static final int IO_ERROR = 74;
    /** EX_NOPERM: the caller lacks permission. */
    public static final int NO_PERMISSION = 77;
    /** EX_CONFIG: the configuration is wrong. */
    public static final int CONFIG = 78;

    private ExitCodes() {}
}
