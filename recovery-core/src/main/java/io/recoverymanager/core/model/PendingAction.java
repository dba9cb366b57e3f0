package io.recoverymanager.core.model;

import io.recoverymanager.core.unit.ActionType;
import java.time.Instant;
import java.util.Objects;

/**
 * An action the engine decided for a counted failure whose outcome is not known yet: the intent,
 * committed together with the failure count (see {@link io.recoverymanager.core.spi.RecoveryStore#countFailure(String, String,
 * Instant, java.util.function.IntFunction)}) and closed when the outcome is known. A daemon killed
 * in between finds it at start and issues it again with the same request id.
 *
 * @param requestId the id derived from the failure; the same id when the action is issued again
 * @param service the failed service
 * @param failureId the identity of the failure that selected the action
 * @param rvector the rvector that selected it
 * @param action the action
 * @param decidedAt when it was decided
 * @param started whether a destructive action was recorded as started (it is never run again)
 *     <p>Thread-safety: immutable.
 */
public record PendingAction(
        String requestId,
        String service,
        String failureId,
        int rvector,
        ActionType action,
        Instant decidedAt,
        boolean started) {
    public PendingAction {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(failureId, "failureId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (rvector < 1) {
            throw new IllegalArgumentException("rvector of a pending action must be positive");
        }
    }

    /** The same pending action, marked started. */
    public PendingAction markedStarted() {
        return new PendingAction(requestId, service, failureId, rvector, action, decidedAt, true);
    }
}
