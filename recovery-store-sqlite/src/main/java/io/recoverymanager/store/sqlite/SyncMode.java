package io.recoverymanager.store.sqlite;

/**
 * SQLite's {@code synchronous} setting for the store's connection.
 *
 * <p>Thread-safety: immutable.
 */
public enum SyncMode {
    /**
     * Every commit is flushed to stable storage before it returns: an rvector increment survives
     * power loss. The default, and the only mode the daemon uses.
     */
    FULL,
    /**
     * Commits survive a crash of the process but the last ones may be lost on power loss. Exists to
     * measure what {@link #FULL} costs (see the store benchmarks); not for production.
     */
    NORMAL
}
