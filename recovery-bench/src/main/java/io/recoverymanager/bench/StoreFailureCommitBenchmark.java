package io.recoverymanager.bench;

import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.store.sqlite.HistoryRetention;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.store.sqlite.SyncMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
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
 * Failures committed per second by the SQLite store on the durable path: one {@code countFailure}
 * (one {@code BEGIN IMMEDIATE} transaction, read + upsert, commit) per operation, each with a new
 * failure identity so every call increments. {@code syncMode=FULL} is what the daemon runs; {@code
 * NORMAL} (no flush per commit) is measured in the same run to show what the flush costs.
 *
 * <p>Thread-safety: JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StoreFailureCommitBenchmark {

    /** SQLite's synchronous mode. */
    @Param({"FULL", "NORMAL"})
    public SyncMode syncMode;

    private Path stateDir;
    private SqliteRecoveryStore store;
    private long failures;
    private final Instant at = Instant.parse("2026-01-01T00:00:00Z");

    @Setup(Level.Trial)
    public void openStore() {
        stateDir = BenchFiles.tempStateDir();
        store = SqliteRecoveryStore.builder(stateDir)
                .clock(Clock.systemUTC())
                .retention(HistoryRetention.defaults())
                .syncMode(syncMode)
                .open();
    }

    @TearDown(Level.Trial)
    public void closeStore() {
        store.close();
        BenchFiles.deleteRecursively(stateDir);
    }

    @Benchmark
    public FailureCount countFailure() {
        return store.countFailure("bench.service", "failure-" + failures++, at);
    }
}
