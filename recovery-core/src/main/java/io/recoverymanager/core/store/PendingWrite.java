package io.recoverymanager.core.store;

import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.spi.RecoveryStore;
import java.time.Instant;
import java.util.Optional;

/**
 * A state write the store could not commit, kept to be replayed in order when it recovers. Every
 * kind is safe to replay after a commit whose outcome was unknown: a failure is counted once per
 * identity, and the others set a value rather than add to it.
 *
 * <p>Thread-safety: immutable.
 */
sealed interface PendingWrite {
    /** Applies the write to the store; throws what the store throws. */
    void applyTo(RecoveryStore store);

    /** {@link RecoveryStore#countFailure}, with the pending action it decided, if any. */
    record CountFailure(String service, String failureId, Instant at, Optional<PendingAction> intent)
            implements PendingWrite {
        @Override
        public void applyTo(RecoveryStore store) {
            store.countFailure(service, failureId, at, rvector -> intent.filter(action -> action.rvector() == rvector));
        }
    }

    /** {@link RecoveryStore#markPendingStarted}. */
    record MarkPendingStarted(String requestId) implements PendingWrite {
        @Override
        public void applyTo(RecoveryStore store) {
            store.markPendingStarted(requestId);
        }
    }

    /** {@link RecoveryStore#closePendingAction}. */
    record ClosePendingAction(String requestId) implements PendingWrite {
        @Override
        public void applyTo(RecoveryStore store) {
            store.closePendingAction(requestId);
        }
    }

    /** {@link RecoveryStore#armRelax}. */
    record ArmRelax(String service, int rvector, Instant deadline) implements PendingWrite {
        @Override
        public void applyTo(RecoveryStore store) {
            store.armRelax(service, rvector, deadline);
        }
    }

    /** {@link RecoveryStore#relaxIfUnchanged}. */
    record RelaxIfUnchanged(String service, int armedRvector) implements PendingWrite {
        @Override
        public void applyTo(RecoveryStore store) {
            store.relaxIfUnchanged(service, armedRvector);
        }
    }

    /** {@link RecoveryStore#reset}. */
    record Reset(String service) implements PendingWrite {
        @Override
        public void applyTo(RecoveryStore store) {
            store.reset(service);
        }
    }

    /** {@link RecoveryStore#enterMeditation}. */
    record EnterMeditation(Meditation meditation) implements PendingWrite {
        @Override
        public void applyTo(RecoveryStore store) {
            store.enterMeditation(meditation);
        }
    }

    /** {@link RecoveryStore#endMeditation}. */
    record EndMeditation(String context) implements PendingWrite {
        @Override
        public void applyTo(RecoveryStore store) {
            store.endMeditation(context);
        }
    }
}
