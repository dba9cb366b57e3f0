package io.recoverymanager.core.spi;

import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.HistoryBoot;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.model.StoreWrite;
import io.recoverymanager.core.model.UnitSyncPlan;
import io.recoverymanager.core.unit.StoredUnit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Port to durable recovery state: ingested units, the rvector of each service, meditation, pending
 * actions and the event history. Escalation must survive daemon restarts and reboots, so every
 * mutating call is durable when it returns, and each is one transaction: after a crash, all of its
 * writes or none of them.
 *
 * <p>The port is persistence only: what to write is decided by the core (unit-sync diffing in
 * {@link io.recoverymanager.core.store.UnitSync}, template and friend look-ups in {@link
 * io.recoverymanager.core.unit.UnitsInForce}). A store keeps rows exactly as told; it never
 * interprets a service name (templates, instances) or a unit. The testkit's {@code
 * RecoveryStoreContract} is the executable form of this Javadoc.
 *
 * <p>The engine calls the store from its loop only; adapters may still be read concurrently by
 * other processes (the CLI).
 *
 * <p>Thread-safety: implementations must be safe for use from any thread.
 */
public interface RecoveryStore {

    /**
     * Applies a unit sync the core planned, in ONE transaction: deletes the unit saved under each of
     * {@link UnitSyncPlan#deletedSources()} (unknown sources are ignored), then saves each of {@link
     * UnitSyncPlan#savedUnits()} under its source with its hash, then for each of {@link
     * UnitSyncPlan#zeroedServices()} that has a record sets the rvector to 0 and clears the relax
     * deadline, keeping the last failure's identity and time (names without a record are ignored).
     * A crash or an exception leaves either all of it or none of it: never units changed with the
     * old counts. A plan that cannot be applied whole (a saved source that already holds a unit the
     * plan does not delete) throws and changes nothing. Afterwards {@link #units()} returns the
     * units not deleted plus the saved ones: for a plan the core made from this store's {@link
     * #units()}, that is {@link UnitSyncPlan#unitsInForce()}, and a store may return those objects
     * (they may carry fields its rows do not keep; the saved hash still covers them).
     */
    void applyUnitSync(UnitSyncPlan plan);

    /**
     * Every saved unit with the hash it was saved under, ordered by source. Looking a service's unit
     * up (template fallback) and finding friends is the core's policy ({@link
     * io.recoverymanager.core.unit.UnitsInForce}), not the store's.
     */
    List<StoredUnit> units();

    /**
     * The record of a service, looked up by its exact name; {@link ServiceRecord#initial} for one
     * without a record.
     */
    ServiceRecord state(String service);

    /** Every record with a positive rvector, ordered by service name. */
    List<ServiceRecord> escalated();

    /**
     * Counts a failure: unless {@code failureId} is the identity of the last failure counted for
     * this service, or {@code at} is before that failure's time (a late report of a failure counted
     * then or passed over), increments the rvector (a service without a record starts at 0) and
     * remembers the identity and {@code at} as its last failure, keeping any relax deadline,
     * durably, in one transaction. Returns the rvector after the call and whether it counted; a
     * failure not counted returns the current rvector and {@code false}. Needs no saved unit for the
     * service.
     */
    FailureCount countFailure(String service, String failureId, Instant at);

    /**
     * Counts a failure as {@link #countFailure(String, String, Instant)} does and, in the same
     * transaction, records the pending action {@code intent} returns for the new rvector (none when
     * it returns empty, or when the failure was already counted). A crash leaves either both or
     * neither. {@code intent} is a pure function called at most once, under the store's lock,
     * before anything is written: if it throws, nothing is counted. A pending action whose request
     * id is already recorded is kept as it is.
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

    /** Every pending action not yet closed, in the order they were recorded. */
    List<PendingAction> pendingActions();

    /**
     * Marks a pending destructive action as started, durably, before it runs: after a crash it is
     * not run again. Unknown ids are ignored.
     */
    void markPendingStarted(String requestId);

    /** Closes a pending action: its outcome is known. Unknown ids are ignored. */
    void closePendingAction(String requestId);

    /**
     * Records the deadline of the relax timer just armed for the service at this rvector, but only
     * if the record's rvector still equals {@code rvector} (otherwise the call is ignored); the last
     * failure is kept.
     */
    void armRelax(String service, int rvector, Instant deadline);

    /**
     * The relax timer fired: returns the rvector to 0 and clears the deadline, but only if the rvector
     * still equals {@code armedRvector} and is positive; the last failure is kept. Returns whether
     * it did.
     */
    boolean relaxIfUnchanged(String service, int armedRvector);

    /**
     * Returns the rvector of exactly this service to 0 and clears its deadline, keeping its last
     * failure; returns the previous rvector (0, and no record created, for a service without one).
     * Resetting other services (a template's instances) is the caller's decision, one call each.
     */
    int reset(String service);

    /** The meditation of a context, if one is recorded. */
    Optional<Meditation> meditation(String context);

    /** Records that a context entered meditation, replacing one recorded for the same context. */
    void enterMeditation(Meditation meditation);

    /** Ends a context's meditation; a context without one is ignored. */
    void endMeditation(String context);

    /**
     * Appends a row to the event history, durably, after every row appended before it (the history
     * keeps append order, whatever the rows' times). A store may prune old rows by its own retention.
     */
    void appendHistory(HistoryEntry entry);

    /**
     * Appends rows to the event history, in order. Stores that can should do it in one transaction,
     * so a burst of events costs one durable flush; the default appends them one by one.
     */
    default void appendHistory(List<HistoryEntry> entries) {
        entries.forEach(this::appendHistory);
    }

    /**
     * The rows {@link HistoryQuery#matches} accepts, in append order; only the newest {@link
     * HistoryQuery#limit()} of them.
     */
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
