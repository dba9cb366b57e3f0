package io.recoverymanager.core.store;

import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.model.StoreWrite;
import io.recoverymanager.core.model.UnitSyncPlan;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.StoredUnit;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A {@link RecoveryStore} that keeps recovering when the store under it cannot commit (disk full,
 * read-only, I/O error): the failed write and every state write after it are applied to an
 * in-memory view and kept, in order, to be replayed; history rows are kept in a bounded buffer. The
 * store then reports itself {@linkplain #degradation() degraded}, so the engine refuses destructive
 * actions, whose escalation could not be made durable.
 *
 * <p>Every state write while degraded, and every {@link #tryRecover()} (the host calls it now and
 * then), first tries to replay what is kept; when all of it is written the store is healthy again
 * and the listener is told. Replaying is safe after a commit whose outcome was unknown: failures are
 * counted once per identity, and every other write sets rather than adds. Reads of units and history
 * go to the store under it; reads of service state and meditation see the in-memory view.
 *
 * <p>{@link #applyUnitSync} is refused while degraded (the units in force stay), because a sync resets
 * rvectors that kept writes may still change.
 *
 * <p>What counts as "cannot commit" is decided by the predicate given at construction (for SQLite:
 * its store exception); any other exception passes through unchanged.
 *
 * <p>Thread-safety: safe for use from any thread; every call that reads or changes the in-memory
 * view holds this object's lock, also while it calls the store under it.
 */
public final class DegradableRecoveryStore implements RecoveryStore {
    private static final System.Logger LOG = System.getLogger(DegradableRecoveryStore.class.getName());

    /** How many history rows are kept while degraded before the oldest are dropped. */
    public static final int DEFAULT_HISTORY_BUFFER = 10_000;

    private final RecoveryStore delegate;
    private final Predicate<RuntimeException> cannotCommit;
    private final StoreHealthListener listener;
    private final int historyBuffer;

    // Guarded by this.
    private String degradation;
    private final List<PendingWrite> pending = new ArrayList<>();
    private final Map<String, ServiceRecord> states = new LinkedHashMap<>();
    private final Map<String, Optional<Meditation>> meditations = new HashMap<>();
    private final Map<String, PendingAction> keptActions = new LinkedHashMap<>();
    private final Set<String> closedActions = new HashSet<>();
    private final Deque<HistoryEntry> history = new ArrayDeque<>();
    private long droppedHistory;
    private boolean keepingFailedBatch;

    /**
     * @param delegate the store written through while healthy
     * @param cannotCommit which of its exceptions mean it cannot commit now (and may later)
     * @param listener told of every change between healthy and degraded
     * @param historyBuffer how many history rows to keep while degraded, at least 1
     */
    public DegradableRecoveryStore(
            RecoveryStore delegate,
            Predicate<RuntimeException> cannotCommit,
            StoreHealthListener listener,
            int historyBuffer) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cannotCommit = Objects.requireNonNull(cannotCommit, "cannotCommit");
        this.listener = Objects.requireNonNull(listener, "listener");
        if (historyBuffer < 1) {
            throw new IllegalArgumentException("historyBuffer must be at least 1, was " + historyBuffer);
        }
        this.historyBuffer = historyBuffer;
    }

    /** The store under this one. */
    public RecoveryStore delegate() {
        return delegate;
    }

    @Override
    public synchronized Optional<String> degradation() {
        return Optional.ofNullable(degradation);
    }

    /** How many state writes and history rows wait to be written back. */
    public synchronized int pendingWrites() {
        return pending.size() + history.size();
    }

    /**
     * Tries to write back everything kept in memory; returns whether the store is healthy now. Cheap
     * when healthy.
     */
    public synchronized boolean tryRecover() {
        if (degradation == null) {
            return true;
        }
        if (keepingFailedBatch) {
            return false;
        }
        int written = 0;
        try {
            while (!pending.isEmpty()) {
                PendingWrite next = pending.get(0);
                try {
                    next.applyTo(delegate);
                } catch (RuntimeException e) {
                    if (cannotCommit.test(e)) {
                        throw e;
                    }
                    LOG.log(Level.ERROR, "dropping a kept write the store rejects: " + next, e);
                }
                pending.remove(0);
                written++;
            }
            if (!history.isEmpty()) {
                List<HistoryEntry> rows = new ArrayList<>(history);
                delegate.appendHistory(rows);
                history.clear();
                written += rows.size();
            }
        } catch (RuntimeException e) {
            if (!cannotCommit.test(e)) {
                throw e;
            }
            degradation = describe(e);
            return false;
        }
        states.clear();
        meditations.clear();
        keptActions.clear();
        closedActions.clear();
        degradation = null;
        if (droppedHistory > 0) {
            LOG.log(Level.WARNING, droppedHistory + " history rows were dropped while the store was degraded");
            droppedHistory = 0;
        }
        listener.recovered(written);
        return true;
    }

    // ---------------------------------------------------------------- units (not kept in memory)

    @Override
    public synchronized void applyUnitSync(UnitSyncPlan plan) {
        if (!tryRecover()) {
            throw new IllegalStateException(
                    "the store is degraded (" + degradation + "): units are not re-synced until it recovers");
        }
        try {
            delegate.applyUnitSync(plan);
        } catch (RuntimeException e) {
            if (cannotCommit.test(e)) {
                degrade(e);
            }
            throw e;
        }
    }

    @Override
    public List<StoredUnit> units() {
        return delegate.units();
    }

    // ---------------------------------------------------------------- service state

    @Override
    public synchronized ServiceRecord state(String service) {
        ServiceRecord kept = states.get(service);
        return kept != null ? kept : delegate.state(service);
    }

    @Override
    public synchronized List<ServiceRecord> escalated() {
        List<ServiceRecord> result = new ArrayList<>();
        for (ServiceRecord r : delegate.escalated()) {
            if (!states.containsKey(r.service())) {
                result.add(r);
            }
        }
        for (ServiceRecord r : states.values()) {
            if (r.rvector() > 0 || r.relaxDeadline().isPresent()) {
                result.add(r);
            }
        }
        return result;
    }

    @Override
    public synchronized FailureCount countFailure(String service, String failureId, Instant at) {
        return countFailure(service, failureId, at, rvector -> Optional.empty());
    }

    @Override
    public synchronized FailureCount countFailure(
            String service, String failureId, Instant at, IntFunction<Optional<PendingAction>> intent) {
        if (tryRecover()) {
            try {
                return delegate.countFailure(service, failureId, at, intent);
            } catch (RuntimeException e) {
                failedCommit(e);
            }
        }
        ServiceRecord current = state(service);
        if (current.countedOrOlder(failureId, at)) {
            return new FailureCount(current.rvector(), false);
        }
        ServiceRecord next = new ServiceRecord(
                service,
                Math.addExact(current.rvector(), 1),
                current.relaxDeadline(),
                Optional.of(failureId),
                Optional.of(at));
        Optional<PendingAction> action = intent.apply(next.rvector());
        keep(new PendingWrite.CountFailure(service, failureId, at, action), next);
        action.ifPresent(a -> keptActions.put(a.requestId(), a));
        return new FailureCount(next.rvector(), true);
    }

    /**
     * One commit of the store under this one while healthy; when it cannot commit, nothing of the
     * batch was written (it is one transaction), so every write is then kept as the single-write
     * methods keep it.
     */
    @Override
    public synchronized List<FailureCount> commitBatch(List<StoreWrite> writes) {
        boolean batchFailed = false;
        if (tryRecover()) {
            try {
                return delegate.commitBatch(writes);
            } catch (RuntimeException e) {
                failedCommit(e);
                batchFailed = true;
            }
        }
        // Right after the batch failed, the writes are kept without trying the store once per write.
        keepingFailedBatch = batchFailed;
        try {
            List<FailureCount> counts = new ArrayList<>();
            for (StoreWrite write : writes) {
                RecoveryStore.apply(this, write).ifPresent(counts::add);
            }
            return List.copyOf(counts);
        } finally {
            keepingFailedBatch = false;
        }
    }

    // ---------------------------------------------------------------- pending actions

    @Override
    public synchronized List<PendingAction> pendingActions() {
        if (keptActions.isEmpty() && closedActions.isEmpty()) {
            return delegate.pendingActions();
        }
        Map<String, PendingAction> all = new LinkedHashMap<>();
        for (PendingAction action : delegate.pendingActions()) {
            all.put(action.requestId(), action);
        }
        all.putAll(keptActions);
        closedActions.forEach(all::remove);
        return List.copyOf(all.values());
    }

    @Override
    public synchronized void markPendingStarted(String requestId) {
        if (writtenThrough(store -> store.markPendingStarted(requestId))) {
            return;
        }
        pending.add(new PendingWrite.MarkPendingStarted(requestId));
        pendingActions().stream()
                .filter(action -> action.requestId().equals(requestId))
                .findFirst()
                .ifPresent(action -> keptActions.put(requestId, action.markedStarted()));
    }

    @Override
    public synchronized void closePendingAction(String requestId) {
        if (writtenThrough(store -> store.closePendingAction(requestId))) {
            return;
        }
        pending.add(new PendingWrite.ClosePendingAction(requestId));
        keptActions.remove(requestId);
        closedActions.add(requestId);
    }

    @Override
    public synchronized void armRelax(String service, int rvector, Instant deadline) {
        if (writtenThrough(store -> store.armRelax(service, rvector, deadline))) {
            return;
        }
        ServiceRecord current = state(service);
        if (current.rvector() == rvector) {
            keep(
                    new PendingWrite.ArmRelax(service, rvector, deadline),
                    new ServiceRecord(
                            service, rvector, Optional.of(deadline), current.lastFailureId(), current.lastFailureAt()));
        }
    }

    @Override
    public synchronized boolean relaxIfUnchanged(String service, int armedRvector) {
        if (tryRecover()) {
            try {
                return delegate.relaxIfUnchanged(service, armedRvector);
            } catch (RuntimeException e) {
                failedCommit(e);
            }
        }
        ServiceRecord current = state(service);
        if (armedRvector == 0 || current.rvector() != armedRvector) {
            return false;
        }
        keep(new PendingWrite.RelaxIfUnchanged(service, armedRvector), zeroed(current));
        return true;
    }

    @Override
    public synchronized int reset(String service) {
        if (tryRecover()) {
            try {
                return delegate.reset(service);
            } catch (RuntimeException e) {
                failedCommit(e);
            }
        }
        ServiceRecord current = state(service);
        keep(new PendingWrite.Reset(service), zeroed(current));
        return current.rvector();
    }

    // ---------------------------------------------------------------- meditation

    @Override
    public synchronized Optional<Meditation> meditation(String context) {
        Optional<Meditation> kept = meditations.get(context);
        return kept != null ? kept : delegate.meditation(context);
    }

    @Override
    public synchronized void enterMeditation(Meditation meditation) {
        if (writtenThrough(store -> store.enterMeditation(meditation))) {
            return;
        }
        pending.add(new PendingWrite.EnterMeditation(meditation));
        meditations.put(meditation.context(), Optional.of(meditation));
    }

    @Override
    public synchronized void endMeditation(String context) {
        if (writtenThrough(store -> store.endMeditation(context))) {
            return;
        }
        pending.add(new PendingWrite.EndMeditation(context));
        meditations.put(context, Optional.empty());
    }

    // ---------------------------------------------------------------- history

    @Override
    public synchronized void appendHistory(HistoryEntry entry) {
        appendHistory(List.of(entry));
    }

    @Override
    public synchronized void appendHistory(List<HistoryEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (writtenThrough(store -> store.appendHistory(entries))) {
            return;
        }
        for (HistoryEntry entry : entries) {
            if (history.size() == historyBuffer) {
                history.removeFirst();
                droppedHistory++;
            }
            history.addLast(entry);
        }
    }

    @Override
    public List<HistoryEntry> history(HistoryQuery query) {
        return delegate.history(query);
    }

    @Override
    public List<io.recoverymanager.core.model.HistoryBoot> historyBoots() {
        return delegate.historyBoots();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Writes through to the store under this one when it is (again) healthy; false when the write
     * must be kept instead (the store is degraded, or just became so).
     */
    private boolean writtenThrough(Consumer<RecoveryStore> write) {
        if (!tryRecover()) {
            return false;
        }
        try {
            write.accept(delegate);
            return true;
        } catch (RuntimeException e) {
            failedCommit(e);
            return false;
        }
    }

    /** A write through failed: degrade if the store cannot commit, rethrow anything else. */
    private void failedCommit(RuntimeException e) {
        if (!cannotCommit.test(e)) {
            throw e;
        }
        degrade(e);
    }

    private void degrade(RuntimeException e) {
        boolean wasHealthy = degradation == null;
        degradation = describe(e);
        if (wasHealthy) {
            listener.degraded(degradation);
        }
    }

    private void keep(PendingWrite write, ServiceRecord after) {
        pending.add(write);
        states.put(after.service(), after);
    }

    private static ServiceRecord zeroed(ServiceRecord r) {
        return new ServiceRecord(r.service(), 0, Optional.empty(), r.lastFailureId(), r.lastFailureAt());
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
