package io.recoverymanager.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the event history: what happened, to which service, and why.
 *
 * @param time when it happened
 * @param service the service concerned, or empty for context-wide events
 * @param context the context the event belongs to
 * @param rvector the rvector at the time
 * @param kind the event kind, see {@code RecoveryEvent#kind()}
 * @param action the action concerned, or empty
 * @param detail a human-readable detail
 *     <p>Thread-safety: immutable.
 */
public record HistoryEntry(
        Instant time, String service, String context, int rvector, String kind, String action, String detail) {
    public HistoryEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
    }
}
