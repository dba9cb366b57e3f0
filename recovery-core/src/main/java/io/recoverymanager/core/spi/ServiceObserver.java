package io.recoverymanager.core.spi;

import io.recoverymanager.core.model.ServiceFailure;

/**
 * Receives what a {@link ServiceManager} observes. Called from the adapter's own thread; the engine
 * hands every call over to its event loop and returns at once.
 *
 * <p>Thread-safety: implementations must accept calls from any thread.
 */
public interface ServiceObserver {
    /** A service entered the failed state (systemd gave up on it). */
    void serviceFailed(ServiceFailure failure);

    /** A service unit appeared (loaded later than the initial listing). */
    default void serviceAdded(String service) {}

    /** A service unit disappeared. */
    default void serviceRemoved(String service) {}

    /**
     * The adapter listed every service again after (re)connecting to the service manager; calls
     * made before may have been lost with the old connection.
     */
    default void resynced() {}
}
