package io.recoverymanager.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.store.UnitSync;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.StoredUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.core.unit.UnitsInForce;
import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.UnitBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the store holds survives closing and reopening the file; read-only stores refuse writes. */
class SqliteDurabilityTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private final ManualClock clock = new ManualClock(T0);

    private final RecoveryUnit getty = UnitBuilder.forService("getty@.service")
            .action(ActionType.RESTART_SERVICE, 2)
            .action(ActionType.RESTART_PLATFORM)
            .friend(FriendType.PROCESS, "agetty", null, FriendAction.STOP, Duration.ZERO)
            .build();

    private SqliteRecoveryStore open() {
        return SqliteRecoveryStore.open(stateDir, clock, HistoryRetention.defaults());
    }

    @Test
    void everythingSurvivesCloseAndReopen() {
        Meditation meditation = new Meditation("host", "boot-1", "getty@tty1.service", ActionType.RESTART_PLATFORM, T0);
        HistoryEntry entry =
                new HistoryEntry(T0, "getty@tty1.service", "host", 3, "action-issued", "restart-platform", "");
        ActionRequest request = new ActionRequest(
                "r1", "host", "getty@tty1.service", ActionType.RESTART_PLATFORM, 3, Optional.empty(), T0);
        try (SqliteRecoveryStore store = open()) {
            UnitSync.sync(store, UnitCatalog.of(List.of(getty)));
            for (int i = 0; i < 3; i++) {
                store.countFailure("getty@tty1.service", "inv-" + i, T0.plusSeconds(i));
            }
            store.armRelax("getty@tty1.service", 3, T0.plusSeconds(90));
            store.enterMeditation(meditation);
            store.appendHistory(entry);
            store.put(request);
        }

        try (SqliteRecoveryStore store = open()) {
            assertThat(store.units()).extracting(StoredUnit::unit).containsExactly(getty);
            assertThat(UnitsInForce.ofStored(store.units()).unitFor("getty@tty1.service"))
                    .contains(getty);
            assertThat(store.state("getty@tty1.service").rvector()).isEqualTo(3);
            assertThat(store.state("getty@tty1.service").relaxDeadline()).contains(T0.plusSeconds(90));
            assertThat(store.countFailure("getty@tty1.service", "inv-2", T0).counted())
                    .as("the last failure identity survives a restart")
                    .isFalse();
            assertThat(store.meditation("host")).contains(meditation);
            assertThat(store.history(HistoryQuery.all(10))).containsExactly(entry);
            assertThat(store.pending()).containsExactly(request);
            assertThat(UnitSync.sync(store, UnitCatalog.of(List.of(getty))).unchanged())
                    .isEqualTo(1);
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void theWriterCommitsWithSynchronousFullForeignKeysAndWal() {
        try (SqliteRecoveryStore store = open()) {
            assertThat(store.connectionSettings())
                    .containsEntry("synchronous", "2")
                    .containsEntry("foreign_keys", "1")
                    .containsEntry("journal_mode", "wal")
                    .containsEntry("busy_timeout", "5000");
        }
    }

    @Test
    void theBuilderCanRelaxSynchronousForBenchmarks() {
        try (SqliteRecoveryStore store = SqliteRecoveryStore.builder(stateDir)
                .clock(clock)
                .syncMode(SyncMode.NORMAL)
                .open()) {
            assertThat(store.connectionSettings()).containsEntry("synchronous", "1");
        }
    }

    @Test
    void theStoredHashIsTheCoresUnitHash() {
        assertThat(UnitRows.hashOf(getty.canonicalForm())).isEqualTo(getty.hash());
    }

    @Test
    void anUnchangedResyncWritesNothing() {
        try (SqliteRecoveryStore writer = open()) {
            UnitSync.sync(writer, UnitCatalog.of(List.of(getty)));
            try (SqliteRecoveryStore reader = SqliteRecoveryStore.openReadOnly(stateDir)) {
                long before = reader.dataVersion();

                UnitSync.sync(writer, UnitCatalog.of(List.of(getty)));
                assertThat(reader.dataVersion()).isEqualTo(before);

                writer.countFailure("getty@tty1.service", "inv-1", T0);
                assertThat(reader.dataVersion())
                        .as("the probe does see commits")
                        .isNotEqualTo(before);
            }
        }
    }

    @Test
    void aReadOnlyStoreReadsButRefusesEveryWrite() {
        try (SqliteRecoveryStore writer = open()) {
            UnitSync.sync(writer, UnitCatalog.of(List.of(getty)));
            writer.countFailure("getty@tty1.service", "inv-1", T0);
        }
        try (SqliteRecoveryStore reader = SqliteRecoveryStore.openReadOnly(stateDir)) {
            assertThat(reader.isReadOnly()).isTrue();
            assertThat(reader.units()).extracting(StoredUnit::unit).containsExactly(getty);
            assertThat(UnitsInForce.ofStored(reader.units()).unitFor("getty@tty9.service"))
                    .contains(getty);
            assertThat(reader.escalated()).singleElement().satisfies(r -> assertThat(r.rvector())
                    .isEqualTo(1));
            assertThatThrownBy(() -> reader.countFailure("getty@tty1.service", "inv-2", T0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("read-only");
            assertThatThrownBy(() -> UnitSync.sync(reader, UnitCatalog.of(List.of())))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> reader.appendHistory(new HistoryEntry(T0, "", "host", 0, "k", "", "")))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void openingReadOnlyWithoutADatabaseFailsNamingTheFile() {
        assertThatThrownBy(() -> SqliteRecoveryStore.openReadOnly(stateDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(stateDir.resolve("recoverymanager.db").toString())
                .hasMessageContaining("no such database");
    }

    @Test
    void aClosedStoreRefusesCalls() {
        SqliteRecoveryStore store = open();
        store.close();
        store.close();

        assertThatThrownBy(() -> store.state("x.service"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
