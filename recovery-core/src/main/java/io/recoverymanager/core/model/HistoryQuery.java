package io.recoverymanager.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A filter over the event history. Results come oldest first, at most {@code limit} of the newest
 * matching rows.
 *
 * @param service only rows of this service
 * @param since only rows at or after this time
 * @param limit at most this many rows, the newest ones; positive
 *     <p>Thread-safety: immutable.
 */
public record HistoryQuery(Optional<String> service, Optional<Instant> since, int limit) {
    public HistoryQuery {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(since, "since");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** Everything, up to the limit. */
    public static HistoryQuery all(int limit) {
        return new HistoryQuery(Optional.empty(), Optional.empty(), limit);
    }
}
