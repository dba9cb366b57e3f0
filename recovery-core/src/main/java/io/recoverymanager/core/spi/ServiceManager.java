package io.recoverymanager.core.spi;

import io.recoverymanager.core.model.ServiceStatus;
import java.util.concurrent.CompletionStage;

/**
 * Port to the service manager of this context (systemd, or a fake in tests).
 *
 * <p>Control calls are asynchronous: they return at once and complete when the service manager
 * accepted (or refused) the request. A refused request completes exceptionally with a message
 * that says why.
 *
 * <p>Thread-safety: implementations must be safe for use from any thread.
 */
public interface ServiceManager {
    /**
     * Starts delivering failures and unit additions/removals of every {@code *.service} unit,
     * including units loaded later, to the observer. Called once.
     */
    void watch(ServiceObserver observer);

    /** Restarts the service (systemd: {@code RestartUnit}, mode {@code replace}). */
    CompletionStage<Void> restart(String service);

    /** Starts the service. */
    CompletionStage<Void> start(String service);

    /** Stops the service. */
    CompletionStage<Void> stop(String service);

    /** Sends a signal to the service's main process. */
    CompletionStage<Void> signal(String service, int signal);

    /** Stops the service and masks it until the next boot (a runtime mask). */
    CompletionStage<Void> disableForBoot(String service);

    /** The service's current state; a unit systemd does not know reports {@code inactive/dead}. */
    CompletionStage<ServiceStatus> status(String service);
}
