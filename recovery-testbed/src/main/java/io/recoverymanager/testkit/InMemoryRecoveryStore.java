package io.recoverymanager.testkit;

import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.model.UnitSyncPlan;
import io.recoverymanager.core.spi.Outbox;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.StoredUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * A {@link RecoveryStore} and {@link Outbox} kept in memory, with the same semantics as the SQLite
 * store (both pass the testkit's store contract). State is lost with the object: use it for tests
 * and simulations, or to model a daemon restart by handing the same instance to a new engine.
 *
 * <p>Thread-safety: thread-safe (all methods synchronized).
 */
public final class InMemoryRecoveryStore implements RecoveryStore, Outbox {
    private final Map<String, StoredUnit> unitsBySource = new TreeMap<>();
    private final Map<String, ServiceRecord> states = new HashMap<>();
    private final Map<String, Meditation> meditations = new HashMap<>();
    private final List<HistoryEntry> history = new ArrayList<>();
    private final Map<String, ActionRequest> outbox = new LinkedHashMap<>();
    private final Map<String, PendingAction> pendingActions = new LinkedHashMap<>();

    @Override
    public synchronized void applyUnitSync(UnitSyncPlan plan) {
        // Checked before anything changes, so a plan that cannot be applied whole leaves no trace.
        for (StoredUnit unit : plan.savedUnits()) {
            if (unitsBySource.containsKey(unit.source())
                    && !plan.deletedSources().contains(unit.source())) {
                throw new IllegalArgumentException("source " + unit.source() + " already holds a unit");
            }
        }
        plan.deletedSources().forEach(unitsBySource::remove);
        plan.savedUnits().forEach(unit -> unitsBySource.put(unit.source(), unit));
        plan.zeroedServices().forEach(service -> states.computeIfPresent(service, (s, record) -> zeroed(record)));
    }

    @Override
    public synchronized List<StoredUnit> units() {
        return List.copyOf(unitsBySource.values());
    }

    @Override
    public synchronized ServiceRecord state(String service) {
        return states.getOrDefault(service, ServiceRecord.initial(service));
    }

    @Override
    public synchronized List<ServiceRecord> escalated() {
        return states.values().stream()
                .filter(s -> s.rvector() > 0)
                .sorted(Comparator.comparing(ServiceRecord::service))
                .toList();
    }

    @Override
    public synchronized FailureCount countFailure(String service, String failureId, Instant at) {
        ServiceRecord current = state(service);
        if (current.countedOrOlder(failureId, at)) {
            return new FailureCount(current.rvector(), false);
        }
        int rvector = current.rvector() + 1;
        states.put(
                service,
                new ServiceRecord(service, rvector, current.relaxDeadline(), Optional.of(failureId), Optional.of(at)));
        return new FailureCount(rvector, true);
    }

    @Override
    public synchronized FailureCount countFailure(
            String service, String failureId, Instant at, IntFunction<Optional<PendingAction>> intent) {
        ServiceRecord current = state(service);
        if (current.countedOrOlder(failureId, at)) {
            return new FailureCount(current.rvector(), false);
        }
        // The intent is computed before anything changes, so a throwing intent leaves no trace.
        Optional<PendingAction> pending = intent.apply(current.rvector() + 1);
        FailureCount count = countFailure(service, failureId, at);
        pending.ifPresent(p -> pendingActions.putIfAbsent(p.requestId(), p));
        return count;
    }

    @Override
    public synchronized List<PendingAction> pendingActions() {
        return List.copyOf(pendingActions.values());
    }

    @Override
    public synchronized void markPendingStarted(String requestId) {
        pendingActions.computeIfPresent(requestId, (id, p) -> p.markedStarted());
    }

    @Override
    public synchronized void closePendingAction(String requestId) {
        pendingActions.remove(requestId);
    }

    @Override
    public synchronized void armRelax(String service, int rvector, Instant deadline) {
        ServiceRecord current = state(service);
        if (current.rvector() == rvector) {
            states.put(
                    service,
                    new ServiceRecord(
                            service, rvector, Optional.of(deadline), current.lastFailureId(), current.lastFailureAt()));
        }
    }

    @Override
    public synchronized boolean relaxIfUnchanged(String service, int armedRvector) {
        ServiceRecord current = state(service);
        if (current.rvector() != armedRvector || armedRvector == 0) {
            return false;
        }
        states.put(service, zeroed(current));
        return true;
    }

    @Override
    public synchronized int reset(String service) {
        ServiceRecord current = state(service);
        if (states.containsKey(service)) {
            states.put(service, zeroed(current));
        }
        return current.rvector();
    }

    private static ServiceRecord zeroed(ServiceRecord record) {
        return new ServiceRecord(record.service(), 0, Optional.empty(), record.lastFailureId(), record.lastFailureAt());
    }

    @Override
    public synchronized Optional<Meditation> meditation(String context) {
        return Optional.ofNullable(meditations.get(context));
    }

    @Override
    public synchronized void enterMeditation(Meditation meditation) {
        meditations.put(meditation.context(), meditation);
    }

    @Override
    public synchronized void endMeditation(String context) {
        meditations.remove(context);
    }

    @Override
    public synchronized void appendHistory(HistoryEntry entry) {
        history.add(entry);
    }

    @Override
    public synchronized List<HistoryEntry> history(HistoryQuery query) {
        List<HistoryEntry> matching = history.stream().filter(query::matches).toList();
        return List.copyOf(matching.subList(Math.max(0, matching.size() - query.limit()), matching.size()));
    }

    @Override
    public synchronized void put(ActionRequest request) {
        outbox.putIfAbsent(request.requestId(), request);
    }

    @Override
    public synchronized List<ActionRequest> pending() {
        return List.copyOf(outbox.values());
    }

    @Override
    public synchronized void remove(String requestId) {
        outbox.remove(requestId);
    }
}
