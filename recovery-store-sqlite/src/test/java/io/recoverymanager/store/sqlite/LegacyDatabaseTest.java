package io.recoverymanager.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.store.UnitSync;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.UnitBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C implementation's {@code recoverymanager.db} (same file name, same default directory) is
 * recognised, left byte for byte untouched, never called corrupt, and our state goes beside it.
 */
class LegacyDatabaseTest {
    private static final Instant T0 = Instant.parse("2026-05-06T07:08:09Z");

    @TempDir
    Path stateDir;

    /** The C implementation's schema, as rmg-journal.c creates it, with one service at rvector 3. */
    static void writeLegacyDatabase(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE IF NOT EXISTS Services (HASH UNSIGNED INTEGER PRIMARY KEY NOT NULL,"
                    + " NAME TEXT NOT NULL, PRIVDATA TEXT NOT NULL, PUBLDATA TEXT NOT NULL, RVECTOR NUMERIC NOT NULL,"
                    + " CHKSTART NUMERIC NOT NULL, TIMEOUT NUMERIC NOT NULL)");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS Actions (HASH UNSIGNED INTEGER PRIMARY KEY NOT NULL,"
                    + " SERVICE TEXT NOT NULL, TYPE NUMERIC NOT NULL, TLMIN NUMERIC NOT NULL, TLMAX NUMERIC NOT NULL,"
                    + " RESET NUMERIC NOT NULL)");
            st.executeUpdate("CREATE TABLE IF NOT EXISTS Friends (HASH UNSIGNED INTEGER PRIMARY KEY NOT NULL,"
                    + " SERVICE TEXT NOT NULL, FRIEND TEXT NOT NULL, CONTEXT TEXT NOT NULL, TYPE NUMERIC NOT NULL,"
                    + " ACTION NUMERIC NOT NULL, ARGUMENT NUMERIC NOT NULL, DELAY NUMERIC NOT NULL)");
            st.executeUpdate("INSERT INTO Services VALUES (1, 'echo.service', '', '', 3, 0, 60)");
        }
    }

    private List<String> stateDirFiles() throws Exception {
        try (Stream<Path> s = Files.list(stateDir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCDatabaseIsLeftUntouchedNeverMovedAsideAndOurStateGoesBesideIt() throws Exception {
        Path legacy = stateDir.resolve(SqliteRecoveryStore.FILE_NAME);
        writeLegacyDatabase(legacy);
        byte[] before = Files.readAllBytes(legacy);

        assertThat(LegacyDatabase.isLegacy(legacy)).isTrue();
        try (SqliteRecoveryStore store =
                SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults())) {
            assertThat(store.movedAside()).as("never called corrupt").isEmpty();
            assertThat(store.legacyDatabase()).contains(legacy);
            assertThat(store.history(io.recoverymanager.core.model.HistoryQuery.all(10)))
                    .noneMatch(row -> row.kind().equals(SqliteRecoveryStore.KIND_STORE_RECOVERED));
            UnitSync.sync(
                    store,
                    UnitCatalog.of(List.of(UnitBuilder.forService("echo.service")
                            .action(ActionType.RESTART_SERVICE, 2)
                            .build())));
            assertThat(store.countFailure("echo.service", "inv-1", T0).rvector())
                    .as("rvectors start at 0")
                    .isEqualTo(1);
        }
        assertThat(legacy).hasBinaryContent(before);
        assertThat(stateDirFiles())
                .as("nothing next to the old file but our own database")
                .allMatch(name -> name.equals(SqliteRecoveryStore.FILE_NAME)
                        || name.startsWith(LegacyDatabase.STORE_FILE_BESIDE_LEGACY));
        assertThat(stateDir.resolve(LegacyDatabase.STORE_FILE_BESIDE_LEGACY)).exists();

        // The next start finds the same state; so does a reader (the CLI).
        try (SqliteRecoveryStore again =
                SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults())) {
            assertThat(again.countFailure("echo.service", "inv-2", T0).rvector())
                    .isEqualTo(2);
        }
        try (SqliteRecoveryStore reader = SqliteRecoveryStore.openReadOnly(stateDir)) {
            assertThat(reader.units()).hasSize(1);
        }
        assertThat(legacy).hasBinaryContent(before);
    }

    @Test
    void onceOurStateLivesBesideItItStaysThereWhenTheOldFileIsRemoved() throws Exception {
        Path legacy = stateDir.resolve(SqliteRecoveryStore.FILE_NAME);
        writeLegacyDatabase(legacy);
        try (SqliteRecoveryStore store =
                SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults())) {
            UnitSync.sync(
                    store,
                    UnitCatalog.of(List.of(UnitBuilder.forService("echo.service")
                            .action(ActionType.RESTART_SERVICE, 2)
                            .build())));
            store.countFailure("echo.service", "inv-1", T0);
        }
        Files.delete(legacy);
        try (SqliteRecoveryStore store =
                SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults())) {
            assertThat(store.legacyDatabase()).isEmpty();
            assertThat(store.countFailure("echo.service", "inv-2", T0).rvector())
                    .isEqualTo(2);
        }
        assertThat(legacy).doesNotExist();
    }

    @Test
    void ourOwnDatabaseAndOtherFilesAreNotTakenForTheC() throws Exception {
        try (SqliteRecoveryStore store =
                SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults())) {
            assertThat(store.legacyDatabase()).isEmpty();
        }
        Path ours = stateDir.resolve(SqliteRecoveryStore.FILE_NAME);
        assertThat(LegacyDatabase.isLegacy(ours)).isFalse();
        Path garbage = stateDir.resolve("garbage.db");
        Files.writeString(garbage, "not a database at all");
        assertThat(LegacyDatabase.isLegacy(garbage)).isFalse();
        assertThat(LegacyDatabase.isLegacy(stateDir.resolve("absent.db"))).isFalse();
    }
}
