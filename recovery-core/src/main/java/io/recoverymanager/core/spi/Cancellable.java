package io.recoverymanager.core.spi;

/**
 * A handle to a scheduled task.
 *
 * <p>Thread-safety: implementations must be safe for use from any thread.
 */
@FunctionalInterface
public interface Cancellable {
    /** Cancels the task if it has not run yet; does nothing otherwise. */
    void cancel();
}
