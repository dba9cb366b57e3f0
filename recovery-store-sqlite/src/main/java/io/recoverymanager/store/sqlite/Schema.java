package io.recoverymanager.store.sqlite;

import io.recoverymanager.core.unit.StoredUnit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The database schema and its forward migrations. The version lives in {@code PRAGMA
 * user_version}; each migration runs in its own transaction together with the version bump, so a
 * crash mid-migration leaves the previous version intact.
 *
 * <ul>
 *   <li>v1: units with their actions and friends, per-service state, meditation, history.
 *   <li>v2: the canonical form of each unit (back-filled), the friend look-up index, history indexes
 *       and the slave's outbox.
 *   <li>v3: pending actions: the intent committed with the failure count, closed when the outcome
 *       is known.
 *   <li>v4: history rows carry a failure's exit status, signal and invocation id, and the boot that
 *       wrote them (older rows: null status and signal, empty ids); indexes by boot and by kind.
 * </ul>
 *
 * <p>Thread-safety: stateless; callers serialise use of the connection.
 */
final class Schema {
    /** The version this code reads and writes. */
    static final int CURRENT_VERSION = 4;

    /** Tables a database of the current version must have. */
    static final Set<String> TABLES = Set.of(
            "units",
            "unit_actions",
            "unit_friends",
            "service_state",
            "meditation",
            "history",
            "outbox",
            "pending_action");

    /** Tables a database of the given version (1 or later) must have. */
    static Set<String> tablesOf(int version) {
        if (version >= 3) {
            return TABLES;
        }
        if (version == 2) {
            return Set.of("units", "unit_actions", "unit_friends", "service_state", "meditation", "history", "outbox");
        }
        return Set.of("units", "unit_actions", "unit_friends", "service_state", "meditation", "history");
    }

    private static final List<String> V1 = List.of(
            "CREATE TABLE units (source TEXT PRIMARY KEY, service TEXT NOT NULL, hash TEXT NOT NULL,"
                    + " relax_time TEXT NOT NULL, check_start INTEGER NOT NULL, public_data TEXT, private_data TEXT)",
            "CREATE INDEX units_by_service ON units (service)",
            "CREATE TABLE unit_actions (source TEXT NOT NULL REFERENCES units (source) ON DELETE CASCADE,"
                    + " position INTEGER NOT NULL, type TEXT NOT NULL, retry INTEGER NOT NULL,"
                    + " reset INTEGER NOT NULL, PRIMARY KEY (source, position))",
            "CREATE TABLE unit_friends (source TEXT NOT NULL REFERENCES units (source) ON DELETE CASCADE,"
                    + " position INTEGER NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL, context TEXT,"
                    + " action TEXT NOT NULL, signal INTEGER NOT NULL, delay TEXT NOT NULL,"
                    + " PRIMARY KEY (source, position))",
            "CREATE TABLE service_state (service TEXT PRIMARY KEY, rvector INTEGER NOT NULL CHECK (rvector >= 0),"
                    + " relax_deadline INTEGER, last_failure_id TEXT, last_failure_at INTEGER)",
            "CREATE TABLE meditation (context TEXT PRIMARY KEY, boot_id TEXT NOT NULL, service TEXT NOT NULL,"
                    + " action TEXT NOT NULL, since INTEGER NOT NULL)",
            "CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, time INTEGER NOT NULL,"
                    + " service TEXT NOT NULL, context TEXT NOT NULL, rvector INTEGER NOT NULL, kind TEXT NOT NULL,"
                    + " action TEXT NOT NULL, detail TEXT NOT NULL)",
            "PRAGMA user_version = 1");

    private static final List<String> V2 = List.of(
            "ALTER TABLE units ADD COLUMN canonical TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX unit_friends_lookup ON unit_friends (type, name, context)",
            "CREATE INDEX history_by_time ON history (time)",
            "CREATE INDEX history_by_service ON history (service, id)",
            "CREATE TABLE outbox (request_id TEXT PRIMARY KEY, context TEXT NOT NULL, service TEXT NOT NULL,"
                    + " action TEXT NOT NULL, rvector INTEGER NOT NULL, data_path TEXT, at INTEGER NOT NULL)",
            "PRAGMA user_version = 2");

    private static final List<String> V3 = List.of(
            "CREATE TABLE pending_action (request_id TEXT PRIMARY KEY, service TEXT NOT NULL,"
                    + " failure_id TEXT NOT NULL, rvector INTEGER NOT NULL CHECK (rvector > 0),"
                    + " action TEXT NOT NULL, decided_at INTEGER NOT NULL, started INTEGER NOT NULL DEFAULT 0)",
            "PRAGMA user_version = 3");

    private static final List<String> V4 = List.of(
            "ALTER TABLE history ADD COLUMN exit_status INTEGER",
            "ALTER TABLE history ADD COLUMN signal INTEGER",
            "ALTER TABLE history ADD COLUMN invocation_id TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE history ADD COLUMN boot_id TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX history_by_boot ON history (boot_id, id)",
            "CREATE INDEX history_by_kind ON history (kind, id)",
            "PRAGMA user_version = 4");

    private static final String BACKFILL_CANONICAL = "UPDATE units SET canonical = ? WHERE source = ?";

    private Schema() {}

    /** The database's {@code user_version}. */
    static int version(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The names of the tables in the database. */
    static Set<String> tables(Connection connection) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement ps = connection.prepareStatement(
                        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /**
     * Migrates forward from the database's version to {@code target}, one version per transaction.
     * The caller has checked that the database is either empty or one of ours.
     */
    static void migrate(Connection connection, int target) throws SQLException {
        if (target > CURRENT_VERSION) {
            throw new IllegalArgumentException("schema version " + target + " is not known");
        }
        int version = version(connection);
        while (version < target) {
            int next = version + 1;
            try (Statement st = connection.createStatement()) {
                st.execute("BEGIN IMMEDIATE");
                try {
                    for (String ddl : steps().get(next)) {
                        st.execute(ddl);
                    }
                    if (next == 2) {
                        backfillCanonical(connection);
                    }
                    st.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    st.execute("ROLLBACK");
                    throw e;
                }
            }
            version = next;
        }
    }

    private static Map<Integer, List<String>> steps() {
        return Map.of(1, V1, 2, V2, 3, V3, 4, V4);
    }

    private static void backfillCanonical(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(BACKFILL_CANONICAL)) {
            for (StoredUnit stored : UnitRows.loadAll(connection).values()) {
                ps.setString(1, stored.unit().canonicalForm());
                ps.setString(2, stored.unit().source());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
