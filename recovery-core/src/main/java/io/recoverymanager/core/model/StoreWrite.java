package io.recoverymanager.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One write of a batch the engine hands to {@link io.recoverymanager.core.spi.RecoveryStore#commitBatch}: the failure path's
 * writes, gathered from everything the engine's loop drained together, so a storm costs one
 * transaction and one durable flush instead of one per write.
 *
 * <p>Thread-safety: immutable records ({@link CountFailure#intent()} is a pure function).
 */
public sealed interface StoreWrite {

    /** {@link io.recoverymanager.core.spi.RecoveryStore#countFailure(String, String, Instant, IntFunction)}. */
    record CountFailure(String service, String failureId, Instant at, IntFunction<Optional<PendingAction>> intent)
            implements StoreWrite {
        public CountFailure {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(failureId, "failureId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(intent, "intent");
        }
    }

    /** {@link io.recoverymanager.core.spi.RecoveryStore#armRelax(String, int, Instant)}. */
    record ArmRelax(String service, int rvector, Instant deadline) implements StoreWrite {
        public ArmRelax {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** {@link io.recoverymanager.core.spi.RecoveryStore#closePendingAction(String)}. */
    record ClosePendingAction(String requestId) implements StoreWrite {
        public ClosePendingAction {
            Objects.requireNonNull(requestId, "requestId");
        }
    }
}
