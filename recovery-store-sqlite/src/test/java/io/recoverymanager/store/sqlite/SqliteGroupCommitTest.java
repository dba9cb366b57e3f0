package io.recoverymanager.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.model.StoreWrite;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, group commit on SQLite: a batch of writes is one transaction, so it survives a reopen
 * whole, and a batch that fails half-way leaves nothing of itself behind.
 */
class SqliteGroupCommitTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private SqliteRecoveryStore open() {
        return SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults());
    }

    private static StoreWrite.CountFailure failure(int i) {
        String service = "app@" + i + ".service";
        return new StoreWrite.CountFailure(
                service,
                "f" + i,
                T0,
                r -> Optional.of(
                        new PendingAction("req-" + i, service, "f" + i, r, ActionType.RESTART_SERVICE, T0, false)));
    }

    @Test
    void aBatchOfAHundredFailuresIsCountedAndSurvivesAReopen() {
        List<StoreWrite> writes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            writes.add(failure(i));
        }
        try (SqliteRecoveryStore store = open()) {
            assertThat(store.commitBatch(writes)).hasSize(100).containsOnly(new FailureCount(1, true));
        }
        try (SqliteRecoveryStore store = open()) {
            assertThat(store.escalated()).hasSize(100);
            assertThat(store.pendingActions()).hasSize(100);
        }
    }

    @Test
    void aBatchOfRestartsLeavesTheConnectionAtSynchronousFullForEveryOtherCommit() {
        try (SqliteRecoveryStore store = open()) {
            store.commitBatch(List.of(failure(1), failure(2)));

            assertThat(store.connectionSettings()).containsEntry("synchronous", "2");
        }
    }

    @Test
    void aBatchWithADestructiveIntentIsWrittenAndLeavesSynchronousFull() {
        try (SqliteRecoveryStore store = open()) {
            StoreWrite reset = new StoreWrite.CountFailure(
                    "app@1.service",
                    "f1",
                    T0,
                    r -> Optional.of(new PendingAction(
                            "req-1", "app@1.service", "f1", r, ActionType.RESET_PUBLIC_DATA, T0, false)));

            assertThat(store.commitBatch(List.of(reset))).containsExactly(new FailureCount(1, true));

            assertThat(store.connectionSettings()).containsEntry("synchronous", "2");
            assertThat(store.pendingActions()).singleElement().satisfies(p -> assertThat(p.action())
                    .isEqualTo(ActionType.RESET_PUBLIC_DATA));
        }
    }

    @Test
    void aBatchThatFailsHalfWayWritesNothing() {
        try (SqliteRecoveryStore store = open()) {
            List<StoreWrite> writes = List.of(failure(1), new StoreWrite.CountFailure("app@2.service", "f2", T0, r -> {
                throw new IllegalStateException("no decision");
            }));

            assertThatThrownBy(() -> store.commitBatch(writes)).isInstanceOf(IllegalStateException.class);

            assertThat(store.state("app@1.service")).isEqualTo(ServiceRecord.initial("app@1.service"));
            assertThat(store.pendingActions()).isEmpty();
        }
    }

    @Test
    void aBatchWithATimeOutOfRangeIsRefusedBeforeAnythingIsWritten() {
        try (SqliteRecoveryStore store = open()) {
            List<StoreWrite> writes = List.of(failure(1), new StoreWrite.ArmRelax("app@1.service", 1, Instant.MAX));

            assertThatThrownBy(() -> store.commitBatch(writes)).isInstanceOf(IllegalArgumentException.class);

            assertThat(store.state("app@1.service").rvector()).isZero();
        }
    }
}
