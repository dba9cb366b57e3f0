package io.recoverymanager.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.store.UnitSync;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.StoredUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.UnitBuilder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit sync writes the unit rows and zeroes the counts in one transaction: a failure after the
 * rows are written and before the counts are zeroed leaves both as they were, in memory and on
 * disk. A trigger that refuses the zeroing stands in for the disk that goes away at that point.
 */
class SqliteUnitSyncAtomicityTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final String ECHO = "echo.service";

    @TempDir
    Path stateDir;

    private final RecoveryUnit echo =
            UnitBuilder.forService(ECHO).action(ActionType.RESTART_SERVICE, 3).build();
    private final RecoveryUnit echoEdited =
            UnitBuilder.forService(ECHO).action(ActionType.RESTART_SERVICE, 5).build();
    private final RecoveryUnit other = UnitBuilder.forService("other.service")
            .action(ActionType.RESTART_SERVICE)
            .build();

    private SqliteRecoveryStore open() {
        return SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults());
    }

    private void execute(SqliteRecoveryStore store, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.databaseFile());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aFailureBetweenTheRowsAndTheCountsLeavesBothAsTheyWere() throws Exception {
        try (SqliteRecoveryStore store = open()) {
            UnitSync.sync(store, UnitCatalog.of(List.of(echo, other)));
            store.countFailure(ECHO, "inv-1", T0);
            store.countFailure(ECHO, "inv-2", T0.plusSeconds(1));
            execute(
                    store,
                    "CREATE TRIGGER refuse_zeroing BEFORE UPDATE OF rvector ON service_state"
                            + " BEGIN SELECT RAISE(ABORT, 'injected failure'); END");

            assertThatThrownBy(() -> UnitSync.sync(store, UnitCatalog.of(List.of(echoEdited))))
                    .isInstanceOf(StoreException.class);

            assertThat(store.units()).extracting(StoredUnit::unit).containsExactly(echo, other);
            assertThat(store.state(ECHO).rvector()).isEqualTo(2);
            execute(store, "DROP TRIGGER refuse_zeroing");
        }

        try (SqliteRecoveryStore store = open()) {
            assertThat(store.units()).extracting(StoredUnit::unit).containsExactly(echo, other);
            assertThat(store.state(ECHO).rvector()).isEqualTo(2);

            UnitSync.sync(store, UnitCatalog.of(List.of(echoEdited)));

            assertThat(store.units()).extracting(StoredUnit::unit).containsExactly(echoEdited);
            assertThat(store.state(ECHO).rvector()).isZero();
        }
    }
}
