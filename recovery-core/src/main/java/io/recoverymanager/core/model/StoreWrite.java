package io.recoverymanager.core.model;

import io.recoverymanager.core.spi.RecoveryStore;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One write of a batch the engine hands to {@link RecoveryStore#commitBatch}: the failure path's
 * writes, gathered from everything the engine's loop drained together, so a storm costs one
 * transaction and one durable flush instead of one per write.
 *
 * <p>Thread-safety: immutable records ({@link CountFailure#intent()} is a pure function).
 */
public sealed interface StoreWrite {

    /** {@link RecoveryStore#countFailure(String, String, Instant, IntFunction)}. */
    record CountFailure(String service, String failureId, Instant at, IntFunction<Optional<PendingAction>> intent)
            implements StoreWrite {
        public CountFailure {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(failureId, "failureId");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(intent, "intent");
        }
    }

    /** {@link RecoveryStore#armRelax(String, int, Instant)}. */
    record ArmRelax(String service, int rvector, Instant deadline) implements StoreWrite {
        public ArmRelax {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(deadline, "deadline");
        }
    }

    /** {@link RecoveryStore#closePendingAction(String)}. */
    record ClosePendingAction(String requestId) implements StoreWrite {
        public ClosePendingAction {
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /**
     * Applies one write through the store's single-write methods; returns the count for a {@link
     * CountFailure}, empty otherwise. What the default {@link RecoveryStore#commitBatch} does for
     * each write.
     */
    static Optional<FailureCount> applyTo(RecoveryStore store, StoreWrite write) {
        if (write instanceof CountFailure count) {
            return Optional.of(store.countFailure(count.service(), count.failureId(), count.at(), count.intent()));
        }
        if (write instanceof ArmRelax arm) {
            store.armRelax(arm.service(), arm.rvector(), arm.deadline());
        } else if (write instanceof ClosePendingAction close) {
            store.closePendingAction(close.requestId());
        }
        return Optional.empty();
    }
}
