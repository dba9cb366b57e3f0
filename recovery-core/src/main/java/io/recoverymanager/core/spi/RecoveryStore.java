package io.recoverymanager.core.spi;

import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.HistoryBoot;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.model.StoreWrite;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Port to durable recovery state: ingested units, the rvector of each service, meditation and the
 * event history. Escalation must survive daemon restarts and reboots, so every mutating call is
 * durable when it returns.
 *
 * <p>The engine calls the store from its loop only; adapters may still be read concurrently by
 * other processes (the CLI).
 *
 * <p>Thread-safety: implementations must be safe for use from any thread.
 */
public interface RecoveryStore {

    /**
     * Makes the catalog the set of units in force, in one transaction: new units are added; a unit
     * whose hash changed replaces the old one and the rvector of its service (every instance, for
     * templates) returns to 0; a unit whose source is neither valid nor rejected is removed; an
     * unchanged unit keeps its rvector. A rejected source keeps its previous good version.
     */
    UnitSyncReport syncUnits(UnitCatalog catalog);

    /**
     * All units in force, in source order. Looking a service's unit up (template fallback) and
     * finding friends is the core's policy ({@link io.recoverymanager.core.unit.UnitsInForce}), not
     * the store's.
     */
    List<RecoveryUnit> units();

    /** The state of a service; {@link ServiceRecord#initial} for one never seen failing. */
    ServiceRecord state(String service);

    /** Every service with a positive rvector. */
    List<ServiceRecord> escalated();

    /**
     * Counts a failure: unless {@code failureId} is the identity of the last failure counted for
     * this service, increments the rvector and remembers the identity, durably, in one transaction.
     */
    FailureCount countFailure(String service, String failureId, Instant at);

    /**
     * Counts a failure as {@link #countFailure(String, String, Instant)} does and, in the same
     * transaction, records the pending action {@code intent} returns for the new rvector (none when
     * it returns empty, or when the failure was already counted). A crash leaves either both or
     * neither. {@code intent} is a pure function called at most once, under the store's lock.
     */
    FailureCount countFailure(
            String service, String failureId, Instant at, IntFunction<Optional<PendingAction>> intent);

    /**
     * Applies the writes in order, as the single-write methods would, and returns the count of
     * every {@link StoreWrite.CountFailure} among them, in order. Stores that can apply them all in
     * one transaction, made durable with one flush when this returns (all or none of them after a
     * crash), so the failures drained from the engine's loop together cost one commit (group
     * commit); the default applies them one by one.
     */
    default List<FailureCount> commitBatch(List<StoreWrite> writes) {
        List<FailureCount> counts = new java.util.ArrayList<>();
        for (StoreWrite write : writes) {
            apply(this, write).ifPresent(counts::add);
        }
        return List.copyOf(counts);
    }

    /**
     * Applies one write through {@code store}'s single-write methods; returns the count for a {@link
     * StoreWrite.CountFailure}, empty otherwise. What the default {@link #commitBatch} does for each
     * write.
     */
    static Optional<FailureCount> apply(RecoveryStore store, StoreWrite write) {
        if (write instanceof StoreWrite.CountFailure count) {
            return Optional.of(store.countFailure(count.service(), count.failureId(), count.at(), count.intent()));
        }
        if (write instanceof StoreWrite.ArmRelax arm) {
            store.armRelax(arm.service(), arm.rvector(), arm.deadline());
        } else if (write instanceof StoreWrite.ClosePendingAction close) {
            store.closePendingAction(close.requestId());
        }
        return Optional.empty();
    }

    /** Every pending action not yet closed, oldest first. */
    List<PendingAction> pendingActions();

    /**
     * Marks a pending destructive action as started, durably, before it runs: after a crash it is
     * not run again. Unknown ids are ignored.
     */
    void markPendingStarted(String requestId);

    /** Closes a pending action: its outcome is known. Unknown ids are ignored. */
    void closePendingAction(String requestId);

    /** Records the deadline of the relax timer just armed for the service at this rvector. */
    void armRelax(String service, int rvector, Instant deadline);

    /**
     * The relax timer fired: returns the rvector to 0 and clears the deadline, but only if the rvector
     * still equals {@code armedRvector}. Returns whether it did.
     */
    boolean relaxIfUnchanged(String service, int armedRvector);

    /** Returns the rvector to 0 and clears the deadline; returns the previous rvector. */
    int reset(String service);

    /** The meditation of a context, if one is recorded. */
    Optional<Meditation> meditation(String context);

    /** Records that a context entered meditation. */
    void enterMeditation(Meditation meditation);

    /** Ends a context's meditation. */
    void endMeditation(String context);

    /** Appends a row to the event history. */
    void appendHistory(HistoryEntry entry);

    /**
     * Appends rows to the event history, in order. Stores that can should do it in one transaction,
     * so a burst of events costs one durable flush; the default appends them one by one.
     */
    default void appendHistory(List<HistoryEntry> entries) {
        entries.forEach(this::appendHistory);
    }

    /** Reads the history, oldest first. */
    List<HistoryEntry> history(HistoryQuery query);

    /**
     * The boots that wrote history rows (rows without a boot id are left out), in the order of
     * their first row. The default reads the whole history; stores that can should ask their index.
     */
    default List<HistoryBoot> historyBoots() {
        java.util.Map<String, HistoryBoot> boots = new java.util.LinkedHashMap<>();
        for (HistoryEntry e : history(HistoryQuery.all(Integer.MAX_VALUE))) {
            if (!e.bootId().isEmpty()) {
                boots.merge(
                        e.bootId(),
                        new HistoryBoot(e.bootId(), e.time(), e.time(), 1),
                        (a, b) -> new HistoryBoot(a.bootId(), a.first(), b.last(), a.rows() + 1));
            }
        }
        return List.copyOf(boots.values());
    }

    /**
     * Why the store cannot commit right now, if it cannot: the engine then keeps restarting services
     * but refuses destructive actions. Stores that fail loudly instead return empty (the default);
     * see {@link io.recoverymanager.core.store.DegradableRecoveryStore}.
     */
    default Optional<String> degradation() {
        return Optional.empty();
    }
}
