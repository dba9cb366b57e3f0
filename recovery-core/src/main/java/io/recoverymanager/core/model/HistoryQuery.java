package io.recoverymanager.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A filter over the event history. Results come oldest first, at most {@code limit} of the newest
 * matching rows.
 *
 * @param service only rows of this service
 * @param since only rows at or after this time
 * @param limit at most this many rows, the newest ones; positive
 * @param bootId only rows written in this boot ({@link HistoryEntry#bootId()})
 * @param kinds only rows of these kinds; empty for every kind
 *     <p>Thread-safety: immutable.
 */
public record HistoryQuery(
        Optional<String> service, Optional<Instant> since, int limit, Optional<String> bootId, Set<String> kinds) {
    public HistoryQuery {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(bootId, "bootId");
        kinds = Set.copyOf(kinds);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** A filter by service and time only. */
    public HistoryQuery(Optional<String> service, Optional<Instant> since, int limit) {
        this(service, since, limit, Optional.empty(), Set.of());
    }

    /** Everything, up to the limit. */
    public static HistoryQuery all(int limit) {
        return new HistoryQuery(Optional.empty(), Optional.empty(), limit);
    }

    /** Whether a row passes this filter (the limit aside). */
    public boolean matches(HistoryEntry entry) {
        return service.map(entry.service()::equals).orElse(true)
                && since.map(s -> !entry.time().isBefore(s)).orElse(true)
                && bootId.map(entry.bootId()::equals).orElse(true)
                && (kinds.isEmpty() || kinds.contains(entry.kind()));
    }
}
