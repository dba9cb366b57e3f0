package io.recoverymanager.runtime;

/**
 * Why a {@link Recovery} could not start or reload, with the stage that failed (a host maps it to
 * its exit code).
 *
 * <p>Thread-safety: immutable.
 */
public final class RecoveryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The step that failed. */
    public enum Stage {
        /** Reading the units (the directory is missing its trust, cannot be listed). */
        UNITS,
        /** Creating the boot marker. */
        BOOT_MARKER,
        /** Making the units the units in force (the store refused). */
        SYNC,
        /** Starting the engine. */
        START
    }

    private final Stage stage;

    public RecoveryException(Stage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    /** The step that failed. */
    public Stage stage() {
        return stage;
    }
}
