package io.recoverymanager.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.PendingAction;
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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A database written by schema v1 is migrated forward at open and keeps everything it held. */
class SqliteMigrationTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path stateDir;

    private final RecoveryUnit watcher = UnitBuilder.forService("watcher.service")
            .action(ActionType.RESTART_SERVICE, 2)
            .resettingAction(ActionType.RESET_PUBLIC_DATA, 1)
            .publicData("/var/lib/watcher")
            .friend(FriendType.SERVICE, "db.service", "container2", FriendAction.RESTART, Duration.ofSeconds(5))
            .build();

    @Test
    void aVersionOneDatabaseIsMigratedToTheCurrentVersionKeepingItsData() throws Exception {
        Path file = stateDir.resolve(SqliteRecoveryStore.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Schema.migrate(c, 1);
            assertThat(Schema.version(c)).isEqualTo(1);
            assertThat(Schema.tables(c)).doesNotContain("outbox");
            writeVersionOneRows(c);
        }

        try (SqliteRecoveryStore store =
                SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults())) {
            assertThat(store.movedAside()).isEmpty();
            assertThat(store.units()).extracting(StoredUnit::unit).containsExactly(watcher);
            assertThat(store.state("watcher.service").rvector()).isEqualTo(2);
            assertThat(store.state("watcher.service").lastFailureId()).contains("inv-2");
            assertThat(UnitsInForce.ofStored(store.units())
                            .withFriend(FriendType.SERVICE, "db.service", "container2", "host"))
                    .containsExactly(watcher);
            assertThat(store.history(HistoryQuery.all(10)))
                    .containsExactly(new HistoryEntry(
                            T0, "watcher.service", "host", 2, "failure-counted", "restart-service", "exit-code"));
            ActionRequest request = new ActionRequest(
                    "r1", "host", "watcher.service", ActionType.RESTART_PLATFORM, 3, Optional.empty(), T0);
            store.put(request);
            assertThat(store.pending()).containsExactly(request);
            PendingAction intent =
                    new PendingAction("r2", "watcher.service", "inv-3", 3, ActionType.RESET_PUBLIC_DATA, T0, false);
            store.countFailure("watcher.service", "inv-3", T0, rvector -> Optional.of(intent));
            assertThat(store.pendingActions()).as("v3: pending actions").containsExactly(intent);
            assertThat(UnitSync.sync(store, UnitCatalog.of(List.of(watcher))).unchanged())
                    .as("the migrated unit keeps its hash")
                    .isEqualTo(1);
        }

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(Schema.version(c)).isEqualTo(Schema.CURRENT_VERSION);
            try (PreparedStatement ps = c.prepareStatement("SELECT canonical FROM units WHERE source = ?")) {
                ps.setString(1, watcher.source());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as("back-filled").isEqualTo(watcher.canonicalForm());
                }
            }
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery(
                            "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'unit_friends_lookup'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aVersionThreeHistoryGainsFailureDetailsAndBootsWithItsOldRowsKept() throws Exception {
        Path file = stateDir.resolve(SqliteRecoveryStore.FILE_NAME);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            Schema.migrate(c, 3);
            try (PreparedStatement history = c.prepareStatement("INSERT INTO history (time, service, context,"
                    + " rvector, kind, action, detail) VALUES (?, 'echo.service', 'host', 1, 'failure', '',"
                    + " 'result=exit-code')")) {
                history.setLong(1, Codec.toNanos(T0));
                history.executeUpdate();
            }
        }
        HistoryEntry newer = new HistoryEntry(
                T0.plusSeconds(5),
                "echo.service",
                "host",
                2,
                "failure",
                "",
                "result=signal signal=9",
                java.util.OptionalInt.empty(),
                java.util.OptionalInt.of(9),
                "00112233445566778899aabbccddeeff",
                "kernel-boot/instance");

        try (SqliteRecoveryStore store =
                SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults())) {
            store.appendHistory(newer);

            assertThat(store.history(HistoryQuery.all(10)))
                    .containsExactly(
                            new HistoryEntry(T0, "echo.service", "host", 1, "failure", "", "result=exit-code"), newer);
            assertThat(store.historyBoots()).extracting(b -> b.bootId()).containsExactly("kernel-boot/instance");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(Schema.version(c)).isEqualTo(4);
        }
    }

    @Test
    void aFreshDatabaseIsCreatedAtTheCurrentVersion() throws Exception {
        try (SqliteRecoveryStore store =
                SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults())) {
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + stateDir.resolve("recoverymanager.db"))) {
            assertThat(Schema.version(c)).isEqualTo(Schema.CURRENT_VERSION);
            assertThat(Schema.tables(c)).containsAll(Schema.TABLES);
            try (Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("wal");
            }
        }
    }

    /** Rows as the v1 code wrote them: no canonical column, no outbox. */
    private void writeVersionOneRows(Connection c) throws Exception {
        try (PreparedStatement unit = c.prepareStatement("INSERT INTO units (source, service, hash, relax_time,"
                        + " check_start, public_data, private_data) VALUES (?, ?, ?, ?, ?, ?, NULL)");
                PreparedStatement action = c.prepareStatement(
                        "INSERT INTO unit_actions (source, position, type, retry, reset) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement friend = c.prepareStatement("INSERT INTO unit_friends (source, position, type, name,"
                        + " context, action, signal, delay) VALUES (?, 0, 'service', 'db.service', 'container2',"
                        + " 'restart', 0, ?)");
                PreparedStatement state = c.prepareStatement("INSERT INTO service_state (service, rvector,"
                        + " relax_deadline, last_failure_id, last_failure_at) VALUES (?, 2, NULL, 'inv-2', ?)");
                PreparedStatement history = c.prepareStatement("INSERT INTO history (time, service, context,"
                        + " rvector, kind, action, detail) VALUES (?, 'watcher.service', 'host', 2,"
                        + " 'failure-counted', 'restart-service', 'exit-code')")) {
            unit.setString(1, watcher.source());
            unit.setString(2, watcher.service());
            unit.setString(3, watcher.hash());
            unit.setString(4, watcher.relaxTime().toString());
            unit.setInt(5, 0);
            unit.setString(6, "/var/lib/watcher");
            unit.executeUpdate();
            action.setString(1, watcher.source());
            action.setInt(2, 0);
            action.setString(3, "restart-service");
            action.setInt(4, 2);
            action.setInt(5, 0);
            action.executeUpdate();
            action.setInt(2, 1);
            action.setString(3, "reset-public-data");
            action.setInt(4, 1);
            action.setInt(5, 1);
            action.executeUpdate();
            friend.setString(1, watcher.source());
            friend.setString(2, Duration.ofSeconds(5).toString());
            friend.executeUpdate();
            state.setString(1, "watcher.service");
            state.setLong(2, Codec.toNanos(T0));
            state.executeUpdate();
            history.setLong(1, Codec.toNanos(T0));
            history.executeUpdate();
        }
    }
}
