package io.recoverymanager.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI reads while the daemon writes: a read-only store on the same file sees every committed
 * value, in order, never blocks the writer and never fails while the writer loops.
 */
class SqliteConcurrentReaderTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int WRITES = 300;

    @TempDir
    Path stateDir;

    @Test
    void aReadOnlyReaderSeesMonotonicCommittedStateWhileAWriterLoops() throws Exception {
        ExecutorService writerThread = Executors.newSingleThreadExecutor();
        try (SqliteRecoveryStore writer =
                        SqliteRecoveryStore.open(stateDir, new ManualClock(T0), HistoryRetention.defaults());
                SqliteRecoveryStore reader = SqliteRecoveryStore.openReadOnly(stateDir)) {
            CompletableFuture<Void> writes = CompletableFuture.runAsync(
                    () -> {
                        for (int i = 1; i <= WRITES; i++) {
                            writer.countFailure("echo.service", "inv-" + i, T0.plusSeconds(i));
                            writer.appendHistory(new HistoryEntry(
                                    T0.plusSeconds(i), "echo.service", "host", i, "failure-counted", "", ""));
                        }
                    },
                    writerThread);

            int lastSeen = 0;
            int reads = 0;
            while (!writes.isDone() || reads == 0) {
                int rvector = reader.state("echo.service").rvector();
                assertThat(rvector)
                        .as("the reader never sees the rvector go back")
                        .isGreaterThanOrEqualTo(lastSeen);
                int historyRows = reader.history(HistoryQuery.all(WRITES + 10)).size();
                assertThat(historyRows)
                        .as("history is appended after the count it records")
                        .isLessThanOrEqualTo(reader.state("echo.service").rvector());
                lastSeen = rvector;
                reads++;
            }
            writes.get(1, TimeUnit.MINUTES);

            assertThat(reader.state("echo.service").rvector()).isEqualTo(WRITES);
            assertThat(reader.history(HistoryQuery.all(WRITES + 10))).hasSize(WRITES);
            assertThat(reads).isPositive();
        } finally {
            writerThread.shutdownNow();
            assertThat(writerThread.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }
}
