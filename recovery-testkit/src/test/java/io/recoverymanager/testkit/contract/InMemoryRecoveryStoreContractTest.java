package io.recoverymanager.testkit.contract;

import io.recoverymanager.core.spi.Outbox;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import org.junit.jupiter.api.Nested;

/** The in-memory store held to the store and outbox contracts. */
class InMemoryRecoveryStoreContractTest extends RecoveryStoreContract {
    @Override
    protected RecoveryStore newStore() {
        return new InMemoryRecoveryStore();
    }

    @Nested
    class AsOutbox extends OutboxContract {
        @Override
        protected Outbox newOutbox() {
            return new InMemoryRecoveryStore();
        }
    }
}
