package io.recoverymanager.core.spi;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.unit.ActionType;
import java.util.concurrent.CompletionStage;

/**
 * Port to the executors of data resets and system-level actions, and to the master for a slave.
 *
 * <p>The engine carries out {@code restart-service}, {@code disable-service} and {@code
 * ignore-service} itself through the {@link ServiceManager}; it hands data resets and the system
 * actions ({@code restart-context}, {@code restart-platform}, {@code factory-reset}) to this port.
 *
 * <p>Thread-safety: implementations must be safe for use from any thread.
 */
public interface SystemActions {
    /** Whether this instance runs an action itself or forwards it to the master. */
    Disposition disposition(ActionType type);

    /**
     * Carries out (or forwards) the request. The returned stage completes when the action ran (or
     * the master acknowledged it); it must not complete exceptionally for an action that failed:
     * report that as a failed {@link ActionOutcome}.
     */
    CompletionStage<ActionOutcome> execute(ActionRequest request);

    /** How an action type is carried out. */
    enum Disposition {
        /** This instance runs it. */
        EXECUTE,
        /** This instance is a slave and forwards it to the master. */
        FORWARD
    }
}
