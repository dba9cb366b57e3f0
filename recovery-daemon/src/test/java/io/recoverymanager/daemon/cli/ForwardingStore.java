package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.model.UnitSyncPlan;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.StoredUnit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A store that forwards every call, for tests that decorate one. */
class ForwardingStore implements RecoveryStore {
    private final RecoveryStore delegate;

    ForwardingStore(RecoveryStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void applyUnitSync(UnitSyncPlan plan) {
        delegate.applyUnitSync(plan);
    }

    @Override
    public List<StoredUnit> units() {
        return delegate.units();
    }

    @Override
    public ServiceRecord state(String service) {
        return delegate.state(service);
    }

    @Override
    public List<ServiceRecord> escalated() {
        return delegate.escalated();
    }

    @Override
    public FailureCount countFailure(String service, String failureId, Instant at) {
        return delegate.countFailure(service, failureId, at);
    }

    @Override
    public FailureCount countFailure(
            String service,
            String failureId,
            Instant at,
            java.util.function.IntFunction<Optional<io.recoverymanager.core.model.PendingAction>> intent) {
        return delegate.countFailure(service, failureId, at, intent);
    }

    @Override
    public List<io.recoverymanager.core.model.PendingAction> pendingActions() {
        return delegate.pendingActions();
    }

    @Override
    public void markPendingStarted(String requestId) {
        delegate.markPendingStarted(requestId);
    }

    @Override
    public void closePendingAction(String requestId) {
        delegate.closePendingAction(requestId);
    }

    @Override
    public void armRelax(String service, int rvector, Instant deadline) {
        delegate.armRelax(service, rvector, deadline);
    }

    @Override
    public boolean relaxIfUnchanged(String service, int armedRvector) {
        return delegate.relaxIfUnchanged(service, armedRvector);
    }

    @Override
    public int reset(String service) {
        return delegate.reset(service);
    }

    @Override
    public Optional<Meditation> meditation(String context) {
        return delegate.meditation(context);
    }

    @Override
    public void enterMeditation(Meditation meditation) {
        delegate.enterMeditation(meditation);
    }

    @Override
    public void endMeditation(String context) {
        delegate.endMeditation(context);
    }

    @Override
    public void appendHistory(HistoryEntry entry) {
        delegate.appendHistory(entry);
    }

    @Override
    public List<HistoryEntry> history(HistoryQuery query) {
        return delegate.history(query);
    }
}
