package io.recoverymanager.core.model;

import io.recoverymanager.core.unit.ActionType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An action the engine decided, handed to {@link io.recoverymanager.core.spi.SystemActions} to carry out or to forward.
 *
 * @param requestId a stable id derived from the failure that caused it, so that a request sent
 *     again after a crash is recognised and run only once
 * @param context the context of the failed service
 * @param service the failed service
 * @param action the action
 * @param rvector the rvector that selected it
 * @param dataPath the data directory for data resets, otherwise empty
 * @param at when it was decided
 *     <p>Thread-safety: immutable.
 */
public record ActionRequest(
        String requestId,
        String context,
        String service,
        ActionType action,
        int rvector,
        Optional<String> dataPath,
        Instant at) {
    public ActionRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dataPath, "dataPath");
        Objects.requireNonNull(at, "at");
    }
}
