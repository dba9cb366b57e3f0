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

    /**
     * Whether a failure with this identity, observed at {@code at}, must not be counted on this
     * record: it is the last failure counted, or it happened before that one (a late report of a
     * failure counted then or passed over). The rule every {@code RecoveryStore} counts by.
     */
    public boolean countedOrOlder(String failureId, Instant at) {
        return lastFailureId.filter(failureId::equals).isPresent()
                || lastFailureAt.filter(at::isBefore).isPresent();
    }

    /** The state of a service never seen failing. */
    public static ServiceRecord initial(String service) {
        return new ServiceRecord(service, 0, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
