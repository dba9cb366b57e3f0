package io.recoverymanager.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.testkit.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History retention by row count and by age, enforced every {@code PRUNE_EVERY} appends and at open. */
class SqliteRetentionTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final int MAX_ROWS = 50;

    @TempDir
    Path stateDir;

    private final ManualClock clock = new ManualClock(T0);

    private static HistoryEntry row(int i, Instant at) {
        return new HistoryEntry(at, "echo.service", "host", i, "failure-counted", "", "#" + i);
    }

    private static List<HistoryEntry> all(SqliteRecoveryStore store) {
        return store.history(HistoryQuery.all(Integer.MAX_VALUE));
    }

    @Test
    void theRowCountStaysBoundedAndOpenTrimsToTheNewestRows() {
        HistoryRetention retention = new HistoryRetention(Duration.ofDays(30), MAX_ROWS);
        int appends = 3 * SqliteRecoveryStore.PRUNE_EVERY + 7;
        try (SqliteRecoveryStore store = SqliteRecoveryStore.open(stateDir, clock, retention)) {
            for (int i = 0; i < appends; i++) {
                store.appendHistory(row(i, T0));
                assertThat(all(store).size())
                        .as("after %d appends", i + 1)
                        .isLessThan(MAX_ROWS + SqliteRecoveryStore.PRUNE_EVERY);
            }
        }
        try (SqliteRecoveryStore store = SqliteRecoveryStore.open(stateDir, clock, retention)) {
            List<HistoryEntry> kept = all(store);
            assertThat(kept).hasSize(MAX_ROWS);
            assertThat(kept.get(0).detail()).isEqualTo("#" + (appends - MAX_ROWS));
            assertThat(kept.get(MAX_ROWS - 1).detail()).isEqualTo("#" + (appends - 1));
        }
    }

    @Test
    void rowsOlderThanTheMaximumAgeAreDeleted() {
        HistoryRetention retention = new HistoryRetention(Duration.ofHours(1), 1_000);
        try (SqliteRecoveryStore store = SqliteRecoveryStore.open(stateDir, clock, retention)) {
            store.appendHistory(row(0, T0));
            store.appendHistory(row(1, T0.plus(Duration.ofMinutes(30))));
            store.appendHistory(row(2, T0.plus(Duration.ofMinutes(90))));
        }
        clock.advance(Duration.ofMinutes(100));

        try (SqliteRecoveryStore store = SqliteRecoveryStore.open(stateDir, clock, retention)) {
            assertThat(all(store)).extracting(HistoryEntry::detail).containsExactly("#2");
        }
    }

    @Test
    void ageIsAlsoEnforcedWhileAppending() {
        HistoryRetention retention = new HistoryRetention(Duration.ofHours(1), 1_000);
        try (SqliteRecoveryStore store = SqliteRecoveryStore.open(stateDir, clock, retention)) {
            store.appendHistory(row(0, T0));
            clock.advance(Duration.ofHours(2));
            for (int i = 1; i < SqliteRecoveryStore.PRUNE_EVERY; i++) {
                store.appendHistory(row(i, clock.instant()));
            }

            assertThat(all(store)).hasSize(SqliteRecoveryStore.PRUNE_EVERY - 1);
            assertThat(all(store).get(0).detail()).isEqualTo("#1");
        }
    }
}
