package io.recoverymanager.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.store.UnitSync;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.UnitBuilder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unusable database never stops the daemon: garbage bytes, a truncated file, a foreign schema
 * or a newer schema version are moved aside as {@code recoverymanager.db.corrupt-<timestamp>}, a
 * fresh database takes their place and a {@code store-recovered} history row says what happened.
 */
class SqliteCorruptionTest {
    private static final Instant T0 = Instant.parse("2026-05-06T07:08:09Z");
    private static final String ASIDE = "recoverymanager.db.corrupt-20260506T070809Z";

    @TempDir
    Path stateDir;

    private final ManualClock clock = new ManualClock(T0);

    private Path dbFile() {
        return stateDir.resolve(SqliteRecoveryStore.FILE_NAME);
    }

    private SqliteRecoveryStore open() {
        return SqliteRecoveryStore.open(stateDir, clock, HistoryRetention.defaults());
    }

    private static List<RecoveryUnit> manyUnits(int count) {
        List<RecoveryUnit> units = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            units.add(UnitBuilder.forService("svc" + i + ".service")
                    .action(ActionType.RESTART_SERVICE, 2)
                    .action(ActionType.DISABLE_SERVICE)
                    .publicData("/var/lib/svc" + i + "/with/a/rather/long/path/to/fill/pages")
                    .build());
        }
        return units;
    }

    /** Opens the unusable file and checks the move-aside, the fresh database and the history row. */
    private void assertRecoveredFrom(byte[] unusableBytes, String reasonFragment) throws IOException {
        try (SqliteRecoveryStore store = open()) {
            assertThat(store.movedAside()).contains(stateDir.resolve(ASIDE));
            assertThat(stateDir.resolve(ASIDE)).exists().hasBinaryContent(unusableBytes);
            assertThat(store.integrityCheck()).isEqualTo("ok");
            assertThat(store.units()).isEmpty();
            assertThat(store.escalated()).isEmpty();
            List<HistoryEntry> history = store.history(HistoryQuery.all(10));
            assertThat(history).singleElement().satisfies(row -> {
                assertThat(row.kind()).isEqualTo(SqliteRecoveryStore.KIND_STORE_RECOVERED);
                assertThat(row.time()).isEqualTo(T0);
                assertThat(row.detail()).contains(ASIDE).containsIgnoringCase(reasonFragment);
            });
            // The fresh database works: units are re-ingested and failures counted.
            UnitSync.sync(store, UnitCatalog.of(manyUnits(2)));
            assertThat(store.countFailure("svc0.service", "inv-1", T0).rvector())
                    .isEqualTo(1);
        }
        try (SqliteRecoveryStore reopened = open()) {
            assertThat(reopened.movedAside())
                    .as("the fresh database is healthy")
                    .isEmpty();
            assertThat(reopened.state("svc0.service").rvector()).isEqualTo(1);
        }
    }

    @Test
    void garbageBytesAreMovedAsideWithTheirWalAndShm() throws IOException {
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        Files.write(dbFile(), garbage);
        byte[] wal = "not a wal".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(stateDir.resolve("recoverymanager.db-wal"), wal);

        assertRecoveredFrom(garbage, "not a database");

        assertThat(stateDir.resolve(ASIDE + "-wal")).exists().hasBinaryContent(wal);
    }

    @Test
    void aTruncatedFileIsMovedAside() throws Exception {
        try (SqliteRecoveryStore store = open()) {
            UnitSync.sync(store, UnitCatalog.of(manyUnits(2_000)));
        }
        long size = Files.size(dbFile());
        assertThat(size).as("the database spans many pages").isGreaterThan(64 * 4096L);
        try (RandomAccessFile file = new RandomAccessFile(dbFile().toFile(), "rw")) {
            file.setLength(size / 2);
        }
        byte[] truncated = Files.readAllBytes(dbFile());

        assertRecoveredFrom(truncated, "malformed");
    }

    @Test
    void aForeignSchemaIsMovedAside() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        }
        byte[] foreign = Files.readAllBytes(dbFile());

        assertRecoveredFrom(foreign, "foreign schema");
    }

    @Test
    void ourVersionNumberWithoutOurTablesIsAForeignSchema() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE units (whatever TEXT)");
            st.execute("PRAGMA user_version = 2");
        }
        byte[] foreign = Files.readAllBytes(dbFile());

        assertRecoveredFrom(foreign, "missing");
    }

    @Test
    void aNewerSchemaVersionIsMovedAside() throws Exception {
        try (SqliteRecoveryStore store = open()) {
            store.countFailure("echo.service", "inv-1", T0);
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile());
                Statement st = c.createStatement()) {
            st.execute("PRAGMA user_version = 99");
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        byte[] newer = Files.readAllBytes(dbFile());

        assertRecoveredFrom(newer, "newer");
    }

    @Test
    void aSecondRecoveryOnTheSameSecondGetsItsOwnName() throws Exception {
        Files.write(dbFile(), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18});
        open().close();
        Files.write(dbFile(), new byte[4096]);
        Files.write(dbFile(), "garbage".repeat(1000).getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        try (SqliteRecoveryStore store = open()) {
            assertThat(store.movedAside()).contains(stateDir.resolve(ASIDE + "-2"));
        }
        try (Stream<Path> files = Files.list(stateDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".corrupt-")))
                    .containsExactlyInAnyOrder(ASIDE, ASIDE + "-2");
        }
    }

    @Test
    void aReadOnlyStoreNeverMovesAnythingAside() throws IOException {
        byte[] garbage = "garbage".repeat(2000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Files.write(dbFile(), garbage);

        assertThatThrownBy(() -> SqliteRecoveryStore.openReadOnly(stateDir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(dbFile().toString());

        assertThat(dbFile()).hasBinaryContent(garbage);
        assertThat(stateDir.resolve(ASIDE)).doesNotExist();
    }
}
