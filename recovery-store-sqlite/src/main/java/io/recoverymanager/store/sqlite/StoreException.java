package io.recoverymanager.store.sqlite;

/**
 * A store operation failed: the message names the operation and the database file; the cause is
 * the underlying SQL or I/O error.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
