package io.recoverymanager.store.sqlite;

import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.HistoryBoot;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.model.StoreWrite;
import io.recoverymanager.core.model.UnitSyncPlan;
import io.recoverymanager.core.spi.Outbox;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.StoredUnit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The {@link RecoveryStore} and {@link Outbox} on one SQLite file, {@code
 * <state-dir>/recoverymanager.db}: WAL journal, foreign keys on, {@code synchronous=FULL}, a busy
 * timeout, prepared statements only, and a schema versioned with {@code PRAGMA user_version} and
 * migrated forward at open.
 *
 * <p>Every mutating call is one {@code BEGIN IMMEDIATE} transaction, committed (and, with {@link
 * SyncMode#FULL}, flushed to stable storage) before it returns, so an rvector increment survives a
 * crash or power loss once {@link #countFailure} returned.
 *
 * <p>{@link #commitBatch} (group commit) is one transaction for the whole batch. With {@link
 * SyncMode#FULL}, a batch whose only pending actions are restart-service returns as soon as it is
 * written to the write-ahead log (a killed process loses nothing: the kernel holds the write) and
 * the log is flushed right after on a thread of its own, so the restart goes out while the flush is
 * in flight; any other batch is flushed before it returns, so a destructive action never runs before
 * its record is durable (and every later commit flushes the earlier ones with it).
 *
 * <p>The writer keeps the units in force in memory (rebuilt after each sync), so {@link #units} on
 * the failure path runs no query; an unchanged re-sync compares hashes in
 * memory and writes nothing. Store opened with {@link #openReadOnly} (the CLI, next to a running
 * daemon) read everything from the file on each call and refuse to write.
 *
 * <p>The original C implementation's database, which has the same file name, is recognised and
 * left untouched; this database then lives beside it (see {@link LegacyDatabase}).
 *
 * <p>A database file that is corrupt, truncated, of a foreign schema or of a newer schema version
 * does not stop the daemon: {@link #open} moves it (with its {@code -wal} and {@code -shm}) aside
 * as {@code recoverymanager.db.corrupt-<timestamp>}, creates a fresh database, logs the event and
 * records a {@code store-recovered} history row; the caller then re-ingests the units.
 *
 * <p>Thread-safety: thread-safe; calls are serialised on one connection. Other processes may read
 * the file concurrently (WAL readers never block the writer).
 */
public final class SqliteRecoveryStore implements RecoveryStore, Outbox, AutoCloseable {
    /** The database file's name inside the state directory. */
    public static final String FILE_NAME = "recoverymanager.db";

    /** History retention is enforced at open and after every this many appends. */
    public static final int PRUNE_EVERY = 100;

    /** The history kind recorded when a corrupt database was moved aside and replaced. */
    public static final String KIND_STORE_RECOVERED = "store-recovered";

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final Logger LOG = LoggerFactory.getLogger(SqliteRecoveryStore.class);
    private static final int BUSY_TIMEOUT_MS = 5_000;
    private static final DateTimeFormatter CORRUPT_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private static final String SELECT_STATE =
            "SELECT rvector, relax_deadline, last_failure_id, last_failure_at FROM service_state WHERE service = ?";
    private static final String UPSERT_STATE =
            "INSERT INTO service_state (service, rvector, relax_deadline, last_failure_id, last_failure_at)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (service) DO UPDATE SET rvector = excluded.rvector,"
                    + " relax_deadline = excluded.relax_deadline, last_failure_id = excluded.last_failure_id,"
                    + " last_failure_at = excluded.last_failure_at";
    private static final String SELECT_ESCALATED =
            "SELECT service, rvector, relax_deadline, last_failure_id, last_failure_at FROM service_state"
                    + " WHERE rvector > 0 ORDER BY service";
    private static final String ZERO_STATE =
            "UPDATE service_state SET rvector = 0, relax_deadline = NULL WHERE service = ?";
    private static final String SELECT_MEDITATION =
            "SELECT boot_id, service, action, since FROM meditation WHERE context = ?";
    private static final String UPSERT_MEDITATION =
            "INSERT OR REPLACE INTO meditation (context, boot_id, service, action, since) VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE_MEDITATION = "DELETE FROM meditation WHERE context = ?";
    private static final String INSERT_HISTORY = "INSERT INTO history (time, service, context, rvector, kind, action,"
            + " detail, exit_status, signal, invocation_id, boot_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String HISTORY_COLUMNS = "SELECT time, service, context, rvector, kind, action, detail,"
            + " exit_status, signal, invocation_id, boot_id";
    /**
     * Any combination of the filters in one fixed statement: a NULL parameter switches its filter
     * off. Kinds come as a JSON array ({@code json_each}). Used when a boot or kinds are asked for;
     * the statements above keep their indexes for the common filters.
     */
    private static final String HISTORY_FILTERED = HISTORY_COLUMNS + " FROM history WHERE"
            + " (?1 IS NULL OR service = ?1) AND (?2 IS NULL OR time >= ?2) AND (?3 IS NULL OR boot_id = ?3)"
            + " AND (?4 IS NULL OR kind IN (SELECT value FROM json_each(?4))) ORDER BY id DESC LIMIT ?5";

    private static final String HISTORY_BOOTS = "SELECT boot_id, min(time), max(time), count(*), min(id) AS first_id"
            + " FROM history WHERE boot_id <> '' GROUP BY boot_id ORDER BY first_id";
    private static final String HISTORY_ALL = HISTORY_COLUMNS + " FROM history ORDER BY id DESC LIMIT ?";
    private static final String HISTORY_OF_SERVICE =
            HISTORY_COLUMNS + " FROM history WHERE service = ? ORDER BY id DESC LIMIT ?";
    private static final String HISTORY_SINCE =
            HISTORY_COLUMNS + " FROM history WHERE time >= ? ORDER BY id DESC LIMIT ?";
    private static final String HISTORY_OF_SERVICE_SINCE =
            HISTORY_COLUMNS + " FROM history WHERE service = ? AND time >= ? ORDER BY id DESC LIMIT ?";
    private static final String PRUNE_HISTORY_BY_AGE = "DELETE FROM history WHERE time < ?";
    private static final String PRUNE_HISTORY_BY_ROWS =
            "DELETE FROM history WHERE id <= (SELECT id FROM history ORDER BY id DESC LIMIT 1 OFFSET ?)";
    private static final String PUT_OUTBOX = "INSERT OR IGNORE INTO outbox (request_id, context, service, action,"
            + " rvector, data_path, at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_OUTBOX =
            "SELECT request_id, context, service, action, rvector, data_path, at FROM outbox ORDER BY rowid";
    private static final String DELETE_OUTBOX = "DELETE FROM outbox WHERE request_id = ?";
    private static final String INSERT_PENDING = "INSERT OR IGNORE INTO pending_action (request_id, service,"
            + " failure_id, rvector, action, decided_at, started) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_PENDING = "SELECT request_id, service, failure_id, rvector, action,"
            + " decided_at, started FROM pending_action ORDER BY rowid";
    private static final String MARK_PENDING_STARTED = "UPDATE pending_action SET started = 1 WHERE request_id = ?";
    private static final String DELETE_PENDING = "DELETE FROM pending_action WHERE request_id = ?";
    private static final String SYNCHRONOUS_FULL = "PRAGMA synchronous = FULL";
    private static final String SYNCHRONOUS_NORMAL = "PRAGMA synchronous = NORMAL";

    private final Path databaseFile;
    private final Clock clock;
    private final HistoryRetention retention;
    private final boolean readOnly;
    private final Optional<Path> movedAside;
    private final Object lock = new Object();
    private final Connection connection;
    private final Statement control;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    /** The units in force, for the writer; null for a read-only store (which reads the file). */
    private volatile UnitsSnapshot cache;

    private int appendsSincePrune;
    private boolean closed;

    /** Whether batches of restarts are flushed after they return ({@link SyncMode#FULL} writers). */
    private boolean flushesBatchesBehind;

    /** Flushes the write-ahead log behind batches; created with the first such batch. */
    private java.util.concurrent.ExecutorService walFlusher;

    private final java.util.concurrent.atomic.AtomicBoolean walFlushQueued =
            new java.util.concurrent.atomic.AtomicBoolean();

    private SqliteRecoveryStore(
            Path databaseFile,
            Connection connection,
            Clock clock,
            HistoryRetention retention,
            boolean readOnly,
            Optional<Path> movedAside,
            UnitsSnapshot cache)
            throws SQLException {
        this.databaseFile = databaseFile;
        this.connection = connection;
        this.control = connection.createStatement();
        this.clock = clock;
        this.retention = retention;
        this.readOnly = readOnly;
        this.movedAside = movedAside;
        this.cache = cache;
    }

    /**
     * Opens (creating or migrating) the writer's database in {@code stateDir}, with {@code
     * synchronous=FULL}. A corrupt or foreign file is moved aside and replaced, see the class
     * documentation.
     *
     * @param stateDir the state directory, created when missing
     * @param clock the clock for history retention and the corrupt file's timestamp
     * @param retention the history bound
     * @throws StoreException when the database cannot be opened even after moving a corrupt one aside
     */
    public static SqliteRecoveryStore open(Path stateDir, Clock clock, HistoryRetention retention) {
        return builder(stateDir).clock(clock).retention(retention).open();
    }

    /**
     * Opens an existing database for reading only, for a process running next to the daemon (the
     * CLI). Never migrates nor moves anything; every mutating call throws.
     *
     * @throws StoreException when there is no database, or it is unreadable or of another schema
     *     version
     */
    public static SqliteRecoveryStore openReadOnly(Path stateDir) {
        Objects.requireNonNull(stateDir, "stateDir");
        Path file = LegacyDatabase.storeFile(stateDir);
        if (!Files.isRegularFile(file)) {
            throw new StoreException("cannot open " + file + " read-only: no such database file");
        }
        Connection connection = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            config.enforceForeignKeys(true);
            connection = config.createConnection("jdbc:sqlite:" + file);
            int version = Schema.version(connection);
            if (version != Schema.CURRENT_VERSION) {
                throw new StoreException("cannot read " + file + ": schema version " + version + ", this program reads "
                        + Schema.CURRENT_VERSION);
            }
            return new SqliteRecoveryStore(
                    file, connection, Clock.systemUTC(), HistoryRetention.defaults(), true, Optional.empty(), null);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new StoreException("cannot open " + file + " read-only: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /** A builder for the writer's store, for settings beyond {@link #open}'s. */
    public static Builder builder(Path stateDir) {
        return new Builder(stateDir);
    }

    /**
     * Settings of a writer's store: clock, history retention and SQLite's synchronous mode.
     *
     * <p>Thread-safety: not thread-safe.
     */
    public static final class Builder {
        private final Path stateDir;
        private Clock clock = Clock.systemUTC();
        private HistoryRetention retention = HistoryRetention.defaults();
        private SyncMode syncMode = SyncMode.FULL;

        private Builder(Path stateDir) {
            this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder retention(HistoryRetention retention) {
            this.retention = Objects.requireNonNull(retention, "retention");
            return this;
        }

        /** {@link SyncMode#FULL} unless set; {@link SyncMode#NORMAL} exists for benchmarks. */
        public Builder syncMode(SyncMode syncMode) {
            this.syncMode = Objects.requireNonNull(syncMode, "syncMode");
            return this;
        }

        /** Opens the store, see {@link SqliteRecoveryStore#open}. */
        public SqliteRecoveryStore open() {
            return openWriter(stateDir, clock, retention, syncMode);
        }
    }

    private static SqliteRecoveryStore openWriter(
            Path stateDir, Clock clock, HistoryRetention retention, SyncMode syncMode) {
        Path file = LegacyDatabase.storeFile(stateDir);
        LegacyDatabase.in(stateDir).ifPresent(legacy -> LOG.warn("{}", LegacyDatabase.advice(legacy, file)));
        try {
            Files.createDirectories(stateDir);
        } catch (IOException e) {
            throw new StoreException("cannot create the state directory " + stateDir + ": " + e.getMessage(), e);
        }
        Optional<Path> movedAside = Optional.empty();
        String corruption = null;
        Opened opened;
        try {
            opened = connectWriter(file, syncMode);
        } catch (CorruptDatabaseException e) {
            corruption = e.getMessage();
            Path aside = moveAside(file, clock);
            movedAside = Optional.of(aside);
            LOG.error(
                    "Database {} is unusable ({}); moved it aside to {} and starting with a fresh one:"
                            + " escalation state and history are lost, units will be re-ingested",
                    file,
                    corruption,
                    aside);
            try {
                opened = connectWriter(file, syncMode);
            } catch (CorruptDatabaseException again) {
                throw new StoreException(
                        "a fresh database at " + file + " is unusable too: " + again.getMessage(), again);
            }
        }
        SqliteRecoveryStore store;
        try {
            store = new SqliteRecoveryStore(
                    file, opened.connection(), clock, retention, false, movedAside, opened.units());
        } catch (SQLException e) {
            closeQuietly(opened.connection());
            throw new StoreException("cannot prepare " + file + ": " + e.getMessage(), e);
        }
        store.flushesBatchesBehind = syncMode == SyncMode.FULL;
        try {
            if (corruption != null) {
                store.appendHistory(new HistoryEntry(
                        clock.instant(),
                        "",
                        "",
                        0,
                        KIND_STORE_RECOVERED,
                        "",
                        "moved the unusable database aside to "
                                + movedAside.get().getFileName() + ": " + corruption));
            }
            store.pruneHistoryNow();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private record Opened(Connection connection, UnitsSnapshot units) {}

    /** Opens, checks and migrates the file; throws {@link CorruptDatabaseException} if unusable. */
    private static Opened connectWriter(Path file, SyncMode syncMode) {
        checkHeader(file);
        Connection connection = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            // WAL is switched on only once the file proved to be ours: doing it earlier would
            // rewrite the header of a file that is about to be moved aside as evidence.
            config.setSynchronous(
                    syncMode == SyncMode.FULL
                            ? SQLiteConfig.SynchronousMode.FULL
                            : SQLiteConfig.SynchronousMode.NORMAL);
            config.enforceForeignKeys(true);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            // 16 MiB of page cache (negative = KiB): a 10,000-unit ingest then fits without spilling.
            config.setCacheSize(-16 * 1024);
            connection = config.createConnection("jdbc:sqlite:" + file);
            String check = quickCheck(connection);
            if (!check.equals("ok")) {
                throw new CorruptDatabaseException("quick_check failed: " + check);
            }
            int version = Schema.version(connection);
            Set<String> tables = Schema.tables(connection);
            if (version > Schema.CURRENT_VERSION) {
                throw new CorruptDatabaseException("schema version " + version + " is newer than the "
                        + Schema.CURRENT_VERSION + " this program knows");
            }
            if (version >= 1 && !tables.containsAll(Schema.tablesOf(version))) {
                Set<String> missing = new TreeSet<>(Schema.tablesOf(version));
                missing.removeAll(tables);
                throw new CorruptDatabaseException(
                        "foreign schema: version " + version + " but tables " + missing + " are missing");
            }
            if (version == 0 && !tables.isEmpty()) {
                throw new CorruptDatabaseException(
                        "foreign schema: tables " + new TreeSet<>(tables) + " but no schema version");
            }
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("PRAGMA journal_mode = WAL")) {
                if (!rs.next() || !rs.getString(1).equalsIgnoreCase("wal")) {
                    throw new StoreException("cannot switch " + file + " to WAL journal mode");
                }
            }
            Schema.migrate(connection, Schema.CURRENT_VERSION);
            Set<String> after = Schema.tables(connection);
            if (!after.containsAll(Schema.TABLES)) {
                Set<String> missing = new TreeSet<>(Schema.TABLES);
                missing.removeAll(after);
                throw new CorruptDatabaseException("foreign schema: tables " + missing + " are missing");
            }
            UnitsSnapshot units = UnitsSnapshot.of(UnitRows.loadAll(connection));
            return new Opened(connection, units);
        } catch (SQLException e) {
            closeQuietly(connection);
            if (isCorruption(e)) {
                throw new CorruptDatabaseException(e.getMessage(), e);
            }
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            closeQuietly(connection);
            throw new CorruptDatabaseException("a stored unit does not decode: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    /**
     * Refuses a file whose first bytes are not SQLite's magic header before SQLite opens it: SQLite
     * would otherwise adopt and then delete a {@code -wal} lying next to it, destroying evidence.
     */
    private static void checkHeader(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        byte[] header = new byte[SQLITE_MAGIC.length];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw new CorruptDatabaseException("unreadable: " + e.getMessage(), e);
        }
        if (read == 0) {
            return; // an empty file is an empty database
        }
        if (read < header.length || !Arrays.equals(header, SQLITE_MAGIC)) {
            throw new CorruptDatabaseException("not a database file: it does not start with SQLite's header");
        }
    }

    private static String quickCheck(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return String.join("; ", rows);
    }

    private static boolean isCorruption(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            int primary = sqlite.getResultCode().code & 0xff;
            return primary == SQLiteErrorCode.SQLITE_CORRUPT.code || primary == SQLiteErrorCode.SQLITE_NOTADB.code;
        }
        return false;
    }

    /** Moves the database and its WAL/SHM files aside; returns where the database went. */
    private static Path moveAside(Path file, Clock clock) {
        String base = file.getFileName() + ".corrupt-" + CORRUPT_STAMP.format(clock.instant());
        Path target = file.resolveSibling(base);
        for (int n = 2; Files.exists(target); n++) {
            target = file.resolveSibling(base + "-" + n);
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            for (String suffix : List.of("-wal", "-shm", "-journal")) {
                Path companion = file.resolveSibling(file.getFileName() + suffix);
                try {
                    Files.move(
                            companion,
                            target.resolveSibling(target.getFileName() + suffix),
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (NoSuchFileException absent) {
                    // nothing to move
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot move the unusable database " + file + " aside: " + e.getMessage(), e);
        }
        return target;
    }

    /** The database file. */
    public Path databaseFile() {
        return databaseFile;
    }

    /** Where an unusable database found at open was moved to, if that happened. */
    public Optional<Path> movedAside() {
        return movedAside;
    }

    /**
     * The original C implementation's database beside this one, if there is one (see {@link
     * LegacyDatabase}); it is never opened for writing.
     */
    public Optional<Path> legacyDatabase() {
        return LegacyDatabase.in(databaseFile.getParent());
    }

    /** Whether this store was opened with {@link #openReadOnly}. */
    public boolean isReadOnly() {
        return readOnly;
    }

    // ---------------------------------------------------------------- units

    @Override
    public void applyUnitSync(UnitSyncPlan plan) {
        Objects.requireNonNull(plan, "plan");
        synchronized (lock) {
            requireWritable("applyUnitSync");
            if (!plan.writesNothing()) {
                // Rows and counts in one transaction: a crash never leaves changed units with the old counts.
                inTransaction("sync units", () -> {
                    PreparedStatement delete = statement(UnitRows.DELETE_UNIT);
                    for (String source : plan.deletedSources()) {
                        delete.setString(1, source);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                    try (UnitRows.Inserts batch = new UnitRows.Inserts(connection)) {
                        for (StoredUnit unit : plan.savedUnits()) {
                            batch.add(unit, unit.unit().canonicalForm());
                        }
                        batch.flush();
                    }
                    PreparedStatement zero = statement(ZERO_STATE);
                    for (String service : plan.zeroedServices()) {
                        zero.setString(1, service);
                        zero.addBatch();
                    }
                    zero.executeBatch();
                    return null;
                });
            }
            // The rows do not hold everything a unit has (its [budget]): keep the units as read.
            cache = UnitsSnapshot.of(plan.unitsInForce());
        }
    }

    @Override
    public List<StoredUnit> units() {
        return snapshot().units();
    }

    private UnitsSnapshot snapshot() {
        UnitsSnapshot units = cache;
        if (units != null) {
            return units;
        }
        synchronized (lock) {
            return readConsistently("read units", () -> UnitsSnapshot.of(UnitRows.loadAll(connection)));
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public ServiceRecord state(String service) {
        Objects.requireNonNull(service, "service");
        synchronized (lock) {
            return read("read state of " + service, () -> readState(service))
                    .orElseGet(() -> ServiceRecord.initial(service));
        }
    }

    @Override
    public List<ServiceRecord> escalated() {
        synchronized (lock) {
            return read("read escalated services", () -> {
                List<ServiceRecord> records = new ArrayList<>();
                try (ResultSet rs = statement(SELECT_ESCALATED).executeQuery()) {
                    while (rs.next()) {
                        records.add(stateRow(rs.getString(1), rs, 2));
                    }
                }
                return List.copyOf(records);
            });
        }
    }

    @Override
    public FailureCount countFailure(String service, String failureId, Instant at) {
        return countFailure(service, failureId, at, rvector -> Optional.empty());
    }

    @Override
    public FailureCount countFailure(
            String service, String failureId, Instant at, IntFunction<Optional<PendingAction>> intent) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(failureId, "failureId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(intent, "intent");
        long atNanos = Codec.toNanos(at);
        synchronized (lock) {
            requireWritable("countFailure");
            return inTransaction(
                    "count a failure of " + service, () -> countInTransaction(service, failureId, atNanos, intent));
        }
    }

    private FailureCount countInTransaction(
            String service, String failureId, long atNanos, IntFunction<Optional<PendingAction>> intent)
            throws SQLException {
        Optional<ServiceRecord> current = readState(service);
        if (current.isPresent() && current.get().countedOrOlder(failureId, Codec.fromNanos(atNanos))) {
            return new FailureCount(current.get().rvector(), false);
        }
        int rvector = Math.addExact(current.map(ServiceRecord::rvector).orElse(0), 1);
        Optional<Instant> deadline = current.flatMap(ServiceRecord::relaxDeadline);
        PreparedStatement ps = statement(UPSERT_STATE);
        ps.setString(1, service);
        ps.setInt(2, rvector);
        setOptionalNanos(ps, 3, deadline);
        ps.setString(4, failureId);
        ps.setLong(5, atNanos);
        ps.executeUpdate();
        Optional<PendingAction> pending = intent.apply(rvector);
        if (pending.isPresent()) {
            insertPending(pending.get());
        }
        return new FailureCount(rvector, true);
    }

    /**
     * Group commit: every write in one {@code BEGIN IMMEDIATE} transaction, so the whole batch costs
     * one flush of the write-ahead log ({@code synchronous=FULL}); a failure rolls all of it back.
     */
    @Override
    public List<FailureCount> commitBatch(List<StoreWrite> writes) {
        Objects.requireNonNull(writes, "writes");
        if (writes.isEmpty()) {
            return List.of();
        }
        for (StoreWrite write : writes) { // bad input is refused before anything is written
            if (write instanceof StoreWrite.CountFailure count) {
                Codec.toNanos(count.at());
            } else if (write instanceof StoreWrite.ArmRelax arm) {
                Codec.toNanos(arm.deadline());
            }
        }
        synchronized (lock) {
            requireWritable("commitBatch");
            boolean flushBehind = flushesBatchesBehind;
            boolean[] onlyRestarts = {true};
            if (flushBehind) {
                setSynchronous(false); // this commit writes the log; the flush follows below
            }
            List<FailureCount> result;
            try {
                result = inTransaction("commit " + writes.size() + " writes", () -> {
                    List<FailureCount> counts = new ArrayList<>();
                    for (StoreWrite write : writes) {
                        if (write instanceof StoreWrite.CountFailure count) {
                            IntFunction<Optional<PendingAction>> intent = rvector -> {
                                Optional<PendingAction> pending = count.intent().apply(rvector);
                                if (pending.isPresent() && pending.get().action() != ActionType.RESTART_SERVICE) {
                                    onlyRestarts[0] = false;
                                }
                                return pending;
                            };
                            counts.add(countInTransaction(
                                    count.service(), count.failureId(), Codec.toNanos(count.at()), intent));
                        } else if (write instanceof StoreWrite.ArmRelax arm) {
                            armRelaxInTransaction(arm.service(), arm.rvector(), arm.deadline());
                        } else if (write instanceof StoreWrite.ClosePendingAction close) {
                            PreparedStatement ps = statement(DELETE_PENDING);
                            ps.setString(1, close.requestId());
                            ps.executeUpdate();
                        }
                    }
                    return List.copyOf(counts);
                });
            } finally {
                if (flushBehind) {
                    setSynchronous(true);
                }
            }
            if (flushBehind) {
                if (onlyRestarts[0]) {
                    flushWalSoon();
                } else {
                    flushWal(); // a destructive action may follow: durable before it runs
                }
            }
            return result;
        }
    }

    private void setSynchronous(boolean full) {
        try {
            control.execute(full ? SYNCHRONOUS_FULL : SYNCHRONOUS_NORMAL);
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot set synchronous=" + (full ? "FULL" : "NORMAL") + " on " + databaseFile + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** fdatasync of the write-ahead log: everything committed so far is durable when it returns. */
    private void flushWal() {
        Path wal = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        try (java.nio.channels.FileChannel channel =
                java.nio.channels.FileChannel.open(wal, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(false);
        } catch (IOException e) {
            throw new StoreException("cannot flush " + wal + ": " + e.getMessage(), e);
        }
    }

    /** Flushes the write-ahead log on the flusher thread, soon; flushes asked for meanwhile coalesce. */
    private void flushWalSoon() {
        if (walFlusher == null) {
            walFlusher = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "sqlite-wal-flush");
                thread.setDaemon(true);
                return thread;
            });
        }
        if (walFlushQueued.compareAndSet(false, true)) {
            walFlusher.execute(() -> {
                walFlushQueued.set(false);
                try {
                    flushWal();
                } catch (StoreException e) {
                    // The next commit flushes again (every other commit is FULL); say why now.
                    LOG.error("{}", e.getMessage());
                }
            });
        }
    }

    private void insertPending(PendingAction pending) throws SQLException {
        PreparedStatement ps = statement(INSERT_PENDING);
        ps.setString(1, pending.requestId());
        ps.setString(2, pending.service());
        ps.setString(3, pending.failureId());
        ps.setInt(4, pending.rvector());
        ps.setString(5, pending.action().tomlName());
        ps.setLong(6, Codec.toNanos(pending.decidedAt()));
        ps.setInt(7, pending.started() ? 1 : 0);
        ps.executeUpdate();
    }

    // ---------------------------------------------------------------- pending actions

    @Override
    public List<PendingAction> pendingActions() {
        synchronized (lock) {
            return read("read the pending actions", () -> {
                List<PendingAction> pending = new ArrayList<>();
                try (ResultSet rs = statement(SELECT_PENDING).executeQuery()) {
                    while (rs.next()) {
                        pending.add(new PendingAction(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getInt(4),
                                Codec.actionType(rs.getString(5), "pending_action.action"),
                                Codec.fromNanos(rs.getLong(6)),
                                rs.getInt(7) != 0));
                    }
                }
                return List.copyOf(pending);
            });
        }
    }

    @Override
    public void markPendingStarted(String requestId) {
        updatePending(MARK_PENDING_STARTED, requestId, "mark pending action " + requestId + " started");
    }

    @Override
    public void closePendingAction(String requestId) {
        updatePending(DELETE_PENDING, requestId, "close pending action " + requestId);
    }

    private void updatePending(String sql, String requestId, String what) {
        Objects.requireNonNull(requestId, "requestId");
        synchronized (lock) {
            requireWritable(what);
            inTransaction(what, () -> {
                PreparedStatement ps = statement(sql);
                ps.setString(1, requestId);
                ps.executeUpdate();
                return null;
            });
        }
    }

    @Override
    public void armRelax(String service, int rvector, Instant deadline) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(deadline, "deadline");
        Codec.toNanos(deadline);
        synchronized (lock) {
            requireWritable("armRelax");
            inTransaction("arm the relax timer of " + service, () -> {
                armRelaxInTransaction(service, rvector, deadline);
                return null;
            });
        }
    }

    private void armRelaxInTransaction(String service, int rvector, Instant deadline) throws SQLException {
        ServiceRecord current = readState(service).orElseGet(() -> ServiceRecord.initial(service));
        if (current.rvector() == rvector) {
            writeState(new ServiceRecord(
                    service, rvector, Optional.of(deadline), current.lastFailureId(), current.lastFailureAt()));
        }
    }

    @Override
    public boolean relaxIfUnchanged(String service, int armedRvector) {
        Objects.requireNonNull(service, "service");
        synchronized (lock) {
            requireWritable("relaxIfUnchanged");
            return inTransaction("relax " + service, () -> {
                Optional<ServiceRecord> current = readState(service);
                if (armedRvector == 0 || current.isEmpty() || current.get().rvector() != armedRvector) {
                    return false;
                }
                writeState(zeroed(current.get()));
                return true;
            });
        }
    }

    @Override
    public int reset(String service) {
        Objects.requireNonNull(service, "service");
        synchronized (lock) {
            requireWritable("reset");
            return inTransaction("reset " + service, () -> {
                Optional<ServiceRecord> current = readState(service);
                if (current.isEmpty()) {
                    return 0;
                }
                writeState(zeroed(current.get()));
                return current.get().rvector();
            });
        }
    }

    private static ServiceRecord zeroed(ServiceRecord record) {
        return new ServiceRecord(record.service(), 0, Optional.empty(), record.lastFailureId(), record.lastFailureAt());
    }

    private Optional<ServiceRecord> readState(String service) throws SQLException {
        PreparedStatement ps = statement(SELECT_STATE);
        ps.setString(1, service);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(stateRow(service, rs, 1)) : Optional.empty();
        }
    }

    private static ServiceRecord stateRow(String service, ResultSet rs, int first) throws SQLException {
        int rvector = rs.getInt(first);
        long deadline = rs.getLong(first + 1);
        Optional<Instant> relaxDeadline = rs.wasNull() ? Optional.empty() : Optional.of(Codec.fromNanos(deadline));
        Optional<String> lastId = Optional.ofNullable(rs.getString(first + 2));
        long lastAt = rs.getLong(first + 3);
        Optional<Instant> lastFailureAt = rs.wasNull() ? Optional.empty() : Optional.of(Codec.fromNanos(lastAt));
        return new ServiceRecord(service, rvector, relaxDeadline, lastId, lastFailureAt);
    }

    private void writeState(ServiceRecord record) throws SQLException {
        PreparedStatement ps = statement(UPSERT_STATE);
        ps.setString(1, record.service());
        ps.setInt(2, record.rvector());
        setOptionalNanos(ps, 3, record.relaxDeadline());
        UnitRows.setOptional(ps, 4, record.lastFailureId());
        setOptionalNanos(ps, 5, record.lastFailureAt());
        ps.executeUpdate();
    }

    private static void setOptionalNanos(PreparedStatement ps, int index, Optional<Instant> value) throws SQLException {
        if (value.isPresent()) {
            ps.setLong(index, Codec.toNanos(value.get()));
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    // ---------------------------------------------------------------- meditation

    @Override
    public Optional<Meditation> meditation(String context) {
        Objects.requireNonNull(context, "context");
        synchronized (lock) {
            return read("read the meditation of " + context, () -> {
                PreparedStatement ps = statement(SELECT_MEDITATION);
                ps.setString(1, context);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Meditation(
                            context,
                            rs.getString(1),
                            rs.getString(2),
                            Codec.actionType(rs.getString(3), "meditation.action"),
                            Codec.fromNanos(rs.getLong(4))));
                }
            });
        }
    }

    @Override
    public void enterMeditation(Meditation meditation) {
        Objects.requireNonNull(meditation, "meditation");
        long since = Codec.toNanos(meditation.since());
        synchronized (lock) {
            requireWritable("enterMeditation");
            inTransaction("enter meditation of " + meditation.context(), () -> {
                PreparedStatement ps = statement(UPSERT_MEDITATION);
                ps.setString(1, meditation.context());
                ps.setString(2, meditation.bootId());
                ps.setString(3, meditation.service());
                ps.setString(4, meditation.action().tomlName());
                ps.setLong(5, since);
                ps.executeUpdate();
                return null;
            });
        }
    }

    @Override
    public void endMeditation(String context) {
        Objects.requireNonNull(context, "context");
        synchronized (lock) {
            requireWritable("endMeditation");
            inTransaction("end meditation of " + context, () -> {
                PreparedStatement ps = statement(DELETE_MEDITATION);
                ps.setString(1, context);
                ps.executeUpdate();
                return null;
            });
        }
    }

    // ---------------------------------------------------------------- history

    @Override
    public void appendHistory(HistoryEntry entry) {
        appendHistory(List.of(Objects.requireNonNull(entry, "entry")));
    }

    /** Appends the rows in one transaction: one flush for a whole batch. */
    @Override
    public void appendHistory(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        synchronized (lock) {
            requireWritable("appendHistory");
            inTransaction("append history", () -> {
                PreparedStatement ps = statement(INSERT_HISTORY);
                for (HistoryEntry entry : entries) {
                    ps.setLong(1, Codec.toNanos(entry.time()));
                    ps.setString(2, entry.service());
                    ps.setString(3, entry.context());
                    ps.setInt(4, entry.rvector());
                    ps.setString(5, entry.kind());
                    ps.setString(6, entry.action());
                    ps.setString(7, entry.detail());
                    setOptionalInt(ps, 8, entry.exitStatus());
                    setOptionalInt(ps, 9, entry.signal());
                    ps.setString(10, entry.invocationId());
                    ps.setString(11, entry.bootId());
                    ps.executeUpdate();
                    appendsSincePrune++;
                }
                if (appendsSincePrune >= PRUNE_EVERY) {
                    prune();
                }
                return null;
            });
        }
    }

    private void pruneHistoryNow() {
        synchronized (lock) {
            inTransaction("prune history", () -> {
                prune();
                return null;
            });
        }
    }

    private void prune() throws SQLException {
        appendsSincePrune = 0;
        long cutoff;
        try {
            cutoff = Math.subtractExact(
                    Codec.toNanos(clock.instant()), retention.maxAge().toNanos());
        } catch (ArithmeticException | IllegalArgumentException beyondRange) {
            cutoff = Long.MIN_VALUE;
        }
        PreparedStatement byAge = statement(PRUNE_HISTORY_BY_AGE);
        byAge.setLong(1, cutoff);
        byAge.executeUpdate();
        PreparedStatement byRows = statement(PRUNE_HISTORY_BY_ROWS);
        byRows.setLong(1, retention.maxRows());
        byRows.executeUpdate();
    }

    @Override
    public List<HistoryEntry> history(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        synchronized (lock) {
            return read("read history", () -> {
                PreparedStatement ps;
                int index = 1;
                if (query.bootId().isPresent() || !query.kinds().isEmpty()) {
                    ps = statement(HISTORY_FILTERED);
                    ps.setString(1, query.service().orElse(null));
                    if (query.since().isPresent()) {
                        ps.setLong(2, Codec.toNanos(query.since().get()));
                    } else {
                        ps.setNull(2, java.sql.Types.INTEGER);
                    }
                    ps.setString(3, query.bootId().orElse(null));
                    ps.setString(4, query.kinds().isEmpty() ? null : jsonArray(query.kinds()));
                    index = 5;
                } else if (query.service().isPresent() && query.since().isPresent()) {
                    ps = statement(HISTORY_OF_SERVICE_SINCE);
                    ps.setString(index++, query.service().get());
                    ps.setLong(index++, Codec.toNanos(query.since().get()));
                } else if (query.service().isPresent()) {
                    ps = statement(HISTORY_OF_SERVICE);
                    ps.setString(index++, query.service().get());
                } else if (query.since().isPresent()) {
                    ps = statement(HISTORY_SINCE);
                    ps.setLong(index++, Codec.toNanos(query.since().get()));
                } else {
                    ps = statement(HISTORY_ALL);
                }
                ps.setInt(index, query.limit());
                List<HistoryEntry> newestFirst = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        newestFirst.add(new HistoryEntry(
                                Codec.fromNanos(rs.getLong(1)),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getInt(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7),
                                optionalInt(rs, 8),
                                optionalInt(rs, 9),
                                rs.getString(10),
                                rs.getString(11)));
                    }
                }
                Collections.reverse(newestFirst);
                return List.copyOf(newestFirst);
            });
        }
    }

    /** Asks the boot index: one row per boot, in the order of its first row. */
    @Override
    public List<HistoryBoot> historyBoots() {
        synchronized (lock) {
            return read("read the boots of the history", () -> {
                List<HistoryBoot> boots = new ArrayList<>();
                try (ResultSet rs = statement(HISTORY_BOOTS).executeQuery()) {
                    while (rs.next()) {
                        boots.add(new HistoryBoot(
                                rs.getString(1),
                                Codec.fromNanos(rs.getLong(2)),
                                Codec.fromNanos(rs.getLong(3)),
                                rs.getLong(4)));
                    }
                }
                return List.copyOf(boots);
            });
        }
    }

    private static void setOptionalInt(PreparedStatement ps, int index, OptionalInt value) throws SQLException {
        if (value.isPresent()) {
            ps.setInt(index, value.getAsInt());
        } else {
            ps.setNull(index, java.sql.Types.INTEGER);
        }
    }

    private static OptionalInt optionalInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** The kinds as a JSON array of strings, for {@code json_each}: a bound parameter, not SQL text. */
    private static String jsonArray(java.util.Set<String> kinds) {
        StringBuilder b = new StringBuilder("[");
        for (String kind : new java.util.TreeSet<>(kinds)) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"');
            for (char c : kind.toCharArray()) {
                if (c == '"' || c == '\\') {
                    b.append('\\').append(c);
                } else if (c < 0x20) {
                    b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    b.append(c);
                }
            }
            b.append('"');
        }
        return b.append(']').toString();
    }

    // ---------------------------------------------------------------- outbox

    @Override
    public void put(ActionRequest request) {
        Objects.requireNonNull(request, "request");
        long at = Codec.toNanos(request.at());
        synchronized (lock) {
            requireWritable("put");
            inTransaction("put request " + request.requestId() + " in the outbox", () -> {
                PreparedStatement ps = statement(PUT_OUTBOX);
                ps.setString(1, request.requestId());
                ps.setString(2, request.context());
                ps.setString(3, request.service());
                ps.setString(4, request.action().tomlName());
                ps.setInt(5, request.rvector());
                UnitRows.setOptional(ps, 6, request.dataPath());
                ps.setLong(7, at);
                ps.executeUpdate();
                return null;
            });
        }
    }

    @Override
    public List<ActionRequest> pending() {
        synchronized (lock) {
            return read("read the outbox", () -> {
                List<ActionRequest> requests = new ArrayList<>();
                try (ResultSet rs = statement(SELECT_OUTBOX).executeQuery()) {
                    while (rs.next()) {
                        requests.add(new ActionRequest(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Codec.actionType(rs.getString(4), "outbox.action"),
                                rs.getInt(5),
                                Optional.ofNullable(rs.getString(6)),
                                Codec.fromNanos(rs.getLong(7))));
                    }
                }
                return List.copyOf(requests);
            });
        }
    }

    @Override
    public void remove(String requestId) {
        Objects.requireNonNull(requestId, "requestId");
        synchronized (lock) {
            requireWritable("remove");
            inTransaction("remove request " + requestId + " from the outbox", () -> {
                PreparedStatement ps = statement(DELETE_OUTBOX);
                ps.setString(1, requestId);
                ps.executeUpdate();
                return null;
            });
        }
    }

    // ---------------------------------------------------------------- plumbing

    /** {@code PRAGMA integrity_check}: {@code ok}, or the problems found joined by "; ". */
    String integrityCheck() {
        synchronized (lock) {
            return read("check integrity", () -> {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = control.executeQuery("PRAGMA integrity_check")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                return String.join("; ", rows);
            });
        }
    }

    /**
     * {@code PRAGMA data_version}: changes when another connection committed to the file since this
     * connection last looked. Lets tests prove that an operation wrote nothing.
     */
    long dataVersion() {
        synchronized (lock) {
            return read("read data_version", () -> {
                try (ResultSet rs = control.executeQuery("PRAGMA data_version")) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            });
        }
    }

    /**
     * The connection's durability settings as SQLite reports them: {@code synchronous} (2 = FULL, 1 =
     * NORMAL), {@code foreign_keys}, {@code journal_mode} and {@code busy_timeout}.
     */
    Map<String, String> connectionSettings() {
        synchronized (lock) {
            return read("read connection settings", () -> {
                Map<String, String> settings = new TreeMap<>();
                for (String[] pragma : new String[][] {
                    {"synchronous", "PRAGMA synchronous"},
                    {"foreign_keys", "PRAGMA foreign_keys"},
                    {"journal_mode", "PRAGMA journal_mode"},
                    {"busy_timeout", "PRAGMA busy_timeout"}
                }) {
                    try (ResultSet rs = control.executeQuery(pragma[1])) {
                        settings.put(pragma[0], rs.next() ? rs.getString(1) : "");
                    }
                }
                return settings;
            });
        }
    }

    /** Closes the connection; later calls throw. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (walFlusher != null) {
                walFlusher.shutdown();
                try {
                    flushWal();
                } catch (StoreException e) {
                    LOG.error("{}", e.getMessage());
                }
            }
            for (PreparedStatement ps : statements.values()) {
                closeQuietly(ps);
            }
            statements.clear();
            closeQuietly(control);
            closeQuietly(connection);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs the work in one {@code BEGIN IMMEDIATE} transaction; rolls back on any failure. */
    private <T> T inTransaction(String what, SqlWork<T> work) {
        return transaction("BEGIN IMMEDIATE", what, work);
    }

    /** Runs reads that need one consistent snapshot in one read transaction. */
    private <T> T readConsistently(String what, SqlWork<T> work) {
        return transaction("BEGIN", what, work);
    }

    private <T> T transaction(String begin, String what, SqlWork<T> work) {
        requireOpen();
        try {
            control.execute(begin);
        } catch (SQLException e) {
            throw new StoreException(what + " failed on " + databaseFile + ": " + e.getMessage(), e);
        }
        try {
            T result = work.run();
            control.execute("COMMIT");
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException(what + " failed on " + databaseFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private <T> T read(String what, SqlWork<T> work) {
        requireOpen();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new StoreException(what + " failed on " + databaseFile + ": " + e.getMessage(), e);
        }
    }

    private void rollbackQuietly() {
        try {
            control.execute("ROLLBACK");
        } catch (SQLException e) {
            LOG.debug("rollback on {} failed (the transaction may already be gone)", databaseFile, e);
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the store on " + databaseFile + " is closed");
        }
    }

    private void requireWritable(String operation) {
        requireOpen();
        if (readOnly) {
            throw new IllegalStateException(
                    operation + ": the store on " + databaseFile + " was opened read-only and cannot write");
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debug("closing {} failed", closeable, e);
        }
    }

    /** The units in force, by source and by service; immutable. */
    /** The saved units, ordered by source. */
    private record UnitsSnapshot(List<StoredUnit> units) {
        static UnitsSnapshot of(NavigableMap<String, StoredUnit> bySource) {
            return new UnitsSnapshot(List.copyOf(bySource.values()));
        }

        static UnitsSnapshot of(List<StoredUnit> units) {
            return new UnitsSnapshot(List.copyOf(units));
        }
    }

    /** The file is not a usable database of ours; the message says why. */
    private static final class CorruptDatabaseException extends RuntimeException {
        CorruptDatabaseException(String message) {
            super(message);
        }

        CorruptDatabaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
