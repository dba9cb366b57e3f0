package io.recoverymanager.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The durable escalation state of one concrete service.
 *
 * @param service the concrete service name (an instance, for template units)
 * @param rvector the recovery vector: failures since the service last counted as recovered
 * @param relaxDeadline when the armed relax timer fires, if one is armed
 * @param lastFailureId identity of the last failure counted
 * @param lastFailureAt when the last failure counted was observed
 *     <p>Thread-safety: immutable.
 */
public record ServiceRecord(
        String service,
        int rvector,
        Optional<Instant> relaxDeadline,
        Optional<String> lastFailureId,
        Optional<Instant> lastFailureAt) {
    public ServiceRecord {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(relaxDeadline, "relaxDeadline");
        Objects.requireNonNull(lastFailureId, "lastFailureId");
        Objects.requireNonNull(lastFailureAt, "lastFailureAt");
        if (rvector < 0) {
            throw new IllegalArgumentException("rvector must not be negative");
        }
    }

    /** The state of a service never seen failing. */
    public static ServiceRecord initial(String service) {
        return new ServiceRecord(service, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
