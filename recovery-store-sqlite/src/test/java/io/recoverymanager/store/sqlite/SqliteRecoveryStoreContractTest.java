package io.recoverymanager.store.sqlite;

import io.recoverymanager.core.spi.Outbox;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.contract.OutboxContract;
import io.recoverymanager.testkit.contract.RecoveryStoreContract;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store, on a real file, held to the store and outbox contracts. */
class SqliteRecoveryStoreContractTest extends RecoveryStoreContract {
    @TempDir
    Path stateDir;

    @Override
    protected RecoveryStore newStore() {
        return SqliteRecoveryStore.open(stateDir.resolve("store"), clock(), HistoryRetention.defaults());
    }

    @Override
    protected RecoveryStore reopened() throws Exception {
        ((SqliteRecoveryStore) store).close();
        return newStore();
    }

    private static ManualClock clock() {
        return new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Nested
    class AsOutbox extends OutboxContract {
        @Override
        protected Outbox newOutbox() {
            return SqliteRecoveryStore.open(stateDir.resolve("outbox"), clock(), HistoryRetention.defaults());
        }
    }
}
