package io.recoverymanager.core.store;

/**
 * Told when a {@link DegradableRecoveryStore} changes between healthy and degraded. Called with the
 * store's lock held, on the thread whose store call caused the change: implementations must be quick
 * and must not call the store back.
 *
 * <p>Thread-safety: implementations must be safe for use from any thread.
 */
public interface StoreHealthListener {
    /** The store could not commit and keeps state in memory from now on; {@code reason} says why. */
    void degraded(String reason);

    /** Every write kept in memory reached the store again; {@code writtenBack} of them were written. */
    void recovered(int writtenBack);

    /** A listener that does nothing. */
    static StoreHealthListener none() {
        return new StoreHealthListener() {
            @Override
            public void degraded(String reason) {}

            @Override
            public void recovered(int writtenBack) {}
        };
    }
}
