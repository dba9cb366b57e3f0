package io.recoverymanager.core.model;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

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
 * @param exitStatus for a failure: the exit status of a main process that exited by itself
 * @param signal for a failure: the signal that killed the main process
 * @param invocationId for a failure: systemd's invocation id of the failed run, or empty
 * @param bootId the boot of the instance that wrote the row (kernel boot id / instance id), or
 *     empty when unknown (rows written before boot ids were recorded)
 *     <p>Thread-safety: immutable.
 */
public record HistoryEntry(
        Instant time,
        String service,
        String context,
        int rvector,
        String kind,
        String action,
        String detail,
        OptionalInt exitStatus,
        OptionalInt signal,
        String invocationId,
        String bootId) {
    public HistoryEntry {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(exitStatus, "exitStatus");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(invocationId, "invocationId");
        Objects.requireNonNull(bootId, "bootId");
    }

    /** A row without failure details and boot (the form every writer used before they existed). */
    public HistoryEntry(
            Instant time, String service, String context, int rvector, String kind, String action, String detail) {
        this(time, service, context, rvector, kind, action, detail, OptionalInt.empty(), OptionalInt.empty(), "", "");
    }

    /** The same row written in the given boot of its instance. */
    public HistoryEntry withBootId(String newBootId) {
        return new HistoryEntry(
                time, service, context, rvector, kind, action, detail, exitStatus, signal, invocationId, newBootId);
    }
}
