package io.recoverymanager.store.sqlite;

import java.time.Duration;
import java.util.Objects;

/**
 * How much event history the store keeps: rows older than {@code maxAge} and all but the newest
 * {@code maxRows} rows are deleted. The bound is enforced when the store opens and then every
 * {@link SqliteRecoveryStore#PRUNE_EVERY} appends, so between two prunings the table may hold up to
 * that many rows more than {@code maxRows}.
 *
 * @param maxAge the age after which a row is deleted; positive
 * @param maxRows the number of newest rows kept; positive
 *     <p>Thread-safety: immutable.
 */
public record HistoryRetention(Duration maxAge, long maxRows) {
    public HistoryRetention {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("history retention: maxAge must be positive, was " + maxAge);
        }
        if (maxRows < 1) {
            throw new IllegalArgumentException("history retention: maxRows must be positive, was " + maxRows);
        }
    }

    /** 90 days and 100,000 rows: enough to answer "why did this device reboot last night?". */
    public static HistoryRetention defaults() {
        return new HistoryRetention(Duration.ofDays(90), 100_000);
    }
}
