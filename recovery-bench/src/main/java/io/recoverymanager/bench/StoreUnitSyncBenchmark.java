package io.recoverymanager.bench;

import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.store.UnitSync;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.store.sqlite.HistoryRetention;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Unit sync of the SQLite store ({@code synchronous=FULL}) for a units directory of 10,000 units:
 * {@code firstIngest} into an empty database (a fresh one per invocation, opened outside the
 * measurement) and {@code unchangedResync} of the same catalog into a store that already holds it.
 * Goals: first ingest under 2 s, unchanged re-sync under 300 ms.
 *
 * <p>Thread-safety: JMH state, one per benchmark thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StoreUnitSyncBenchmark {

    /** The catalog, shared by both benchmarks. */
    @State(Scope.Benchmark)
    public static class Catalog {
        @Param({"10000"})
        public int units;

        UnitCatalog catalog;

        @Setup(Level.Trial)
        public void build() {
            catalog = UnitCatalog.of(BenchFiles.units(units));
        }
    }

    /** An empty store, new for every invocation. */
    @State(Scope.Thread)
    public static class EmptyStore {
        Path stateDir;
        SqliteRecoveryStore store;

        @Setup(Level.Invocation)
        public void open() {
            stateDir = BenchFiles.tempStateDir();
            store = SqliteRecoveryStore.open(stateDir, Clock.systemUTC(), HistoryRetention.defaults());
        }

        @TearDown(Level.Invocation)
        public void close() {
            store.close();
            BenchFiles.deleteRecursively(stateDir);
        }
    }

    /** A store that already holds the catalog. */
    @State(Scope.Thread)
    public static class SyncedStore {
        Path stateDir;
        SqliteRecoveryStore store;

        @Setup(Level.Trial)
        public void open(Catalog catalog) {
            stateDir = BenchFiles.tempStateDir();
            store = SqliteRecoveryStore.open(stateDir, Clock.systemUTC(), HistoryRetention.defaults());
            UnitSync.sync(store, catalog.catalog);
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
            BenchFiles.deleteRecursively(stateDir);
        }
    }

    @Benchmark
    public UnitSyncReport firstIngest(Catalog catalog, EmptyStore empty) {
        UnitSyncReport report = UnitSync.sync(empty.store, catalog.catalog);
        if (report.added().size() != catalog.units) {
            throw new IllegalStateException(
                    "first ingest added " + report.added().size());
        }
        return report;
    }

    @Benchmark
    public UnitSyncReport unchangedResync(Catalog catalog, SyncedStore synced) {
        UnitSyncReport report = UnitSync.sync(synced.store, catalog.catalog);
        if (report.unchanged() != catalog.units) {
            throw new IllegalStateException("re-sync found " + report.unchanged() + " unchanged");
        }
        return report;
    }
}
