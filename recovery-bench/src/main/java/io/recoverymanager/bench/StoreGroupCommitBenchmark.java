package io.recoverymanager.bench;

import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.model.StoreWrite;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.store.sqlite.HistoryRetention;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.store.sqlite.SyncMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable failure commits per second with group commit ({@code synchronous=FULL}): every operation
 * is one failure of a storm, counted with its pending action as the engine does it, {@code batch}
 * failures per {@link SqliteRecoveryStore#commitBatch} (one transaction, one flush). With {@code
 * action=RESTART_SERVICE} the flush follows each batch on the store's own thread (coalesced); with
 * {@code action=RESET_PUBLIC_DATA} (a destructive action) every batch is flushed before it returns:
 * that is the rate of commits durable when they return. Issue 11's goal is at least 1,000/s.
 *
 * <p>Run: {@code java -jar recovery-bench/target/benchmarks.jar StoreGroupCommit}.
 *
 * <p>Thread-safety: JMH state, one per benchmark thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@OperationsPerInvocation(StoreGroupCommitBenchmark.OPS)
public class StoreGroupCommitBenchmark {
    /** Failures per invocation (a multiple of every batch size measured). */
    static final int OPS = 200;

    /** Failures per commit. */
    @Param({"1", "10", "200"})
    public int batch;

    /** The action every failure selects. */
    @Param({"RESTART_SERVICE", "RESET_PUBLIC_DATA"})
    public ActionType action;

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
                .syncMode(SyncMode.FULL)
                .open();
    }

    @TearDown(Level.Trial)
    public void closeStore() {
        store.close();
        BenchFiles.deleteRecursively(stateDir);
    }

    @Benchmark
    public int countStormFailures() {
        int counted = 0;
        for (int done = 0; done < OPS; done += batch) {
            List<StoreWrite> writes = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                long n = failures++;
                String service = "storm@" + (n % OPS) + ".service";
                String failureId = "failure-" + n;
                writes.add(new StoreWrite.CountFailure(
                        service,
                        failureId,
                        at,
                        rvector -> Optional.of(
                                new PendingAction(failureId, service, failureId, rvector, action, at, false))));
            }
            for (FailureCount count : store.commitBatch(writes)) {
                counted += count.rvector();
            }
        }
        return counted;
    }
}
