package io.recoverymanager.core.api;

import io.recoverymanager.core.budget.BudgetLedger;
import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.model.FailureCount;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.model.PendingAction;
import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.model.ServiceStatus;
import io.recoverymanager.core.model.StoreWrite;
import io.recoverymanager.core.model.UnitSyncPlan;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.ServiceObserver;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.spi.SystemActions.Disposition;
import io.recoverymanager.core.store.UnitSync;
import io.recoverymanager.core.unit.ActionBudget;
import io.recoverymanager.core.unit.ActionBudgets;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.Friend;
import io.recoverymanager.core.unit.Friend.FriendType;
import io.recoverymanager.core.unit.RecoveryAction;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.core.unit.UnitsInForce;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The engine's serial state machine. Every input is handed to the event loop; on the loop, state
 * is read and changed without locks, decisions are computed as values and then carried out through
 * the ports, and every step is emitted as an event.
 *
 * <p>Thread-safety: public methods may be called from any thread; all state is confined to the
 * loop.
 */
final class DefaultRecoveryEngine implements RecoveryEngine {
    private static final System.Logger LOG = System.getLogger(DefaultRecoveryEngine.class.getName());
    private static final int SEEN_FAILURES_PER_SERVICE = 16;

    private final String context;
    private final String bootId;
    private final Duration integrityCheckDelay;
    private final java.time.Clock clock;
    private final io.recoverymanager.core.spi.EventLoop loop;
    private final RecoveryStore store;
    private final ServiceManager serviceManager;
    private final SystemActions systemActions;
    private final GuardedListeners listeners;
    /** Events held while a failure's restart is issued, see {@link #releaseEvents}. Loop only. */
    private final List<RecoveryEvent> heldEvents = new ArrayList<>();
    /** Whether {@link #emit} holds events instead of telling them. Loop only. */
    private boolean holdingEvents;

    private final ActionBudgets budgets;
    private final BudgetLedger budgetLedger;

    // Confined to the loop.
    private final Map<String, ServicePhase> phases = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final Map<String, java.util.Deque<String>> seenFailures = new HashMap<>();
    // Group commit: writes wait here until the commit task the loop runs after the tasks already
    // queued; every failure drained from the loop together is counted in one store commit.
    private final java.util.List<StoreWrite> queuedWrites = new java.util.ArrayList<>();
    private final java.util.List<QueuedFailure> queuedFailures = new java.util.ArrayList<>();
    private boolean commitQueued;
    private EngineMode mode = EngineMode.Attentive.INSTANCE;
    /** The units in force, read from the store once and again after every sync. */
    private UnitsInForce unitsInForce;

    private io.recoverymanager.core.spi.Cancellable integrityCheck = () -> {};
    private boolean started;
    private volatile boolean closed;

    public DefaultRecoveryEngine(EngineSettings settings) {
        this.context = settings.context();
        this.bootId = settings.bootId();
        this.integrityCheckDelay = settings.integrityCheckDelay();
        this.clock = settings.clock();
        this.loop = settings.loop();
        this.store = settings.store();
        this.serviceManager = settings.serviceManager();
        this.systemActions = settings.systemActions();
        this.listeners = new GuardedListeners(settings.listeners());
        this.budgets = settings.budgets();
        this.budgetLedger = new BudgetLedger(settings.store());
    }

    @Override
    public String context() {
        return context;
    }

    @Override
    public RecoveryStore store() {
        return store;
    }

    // ---------------------------------------------------------------- inputs (any thread)

    @Override
    public CompletionStage<Void> start() {
        return onLoop(() -> {
            doStart();
            return null;
        });
    }

    @Override
    public CompletionStage<UnitSyncReport> syncUnits(UnitCatalog catalog) {
        return onLoop(() -> doSyncUnits(catalog));
    }

    @Override
    public void serviceFailed(ServiceFailure failure) {
        submit(() -> onFailure(failure));
    }

    @Override
    public void serviceFailedElsewhere(String otherContext, String service) {
        submit(() -> onFriendSubjectFailed(FriendType.SERVICE, service, otherContext));
    }

    @Override
    public void processCrashed(String crashContext, String process) {
        submit(() -> onFriendSubjectFailed(FriendType.PROCESS, process, crashContext));
    }

    @Override
    public CompletionStage<Integer> reset(String service) {
        return onLoop(() -> doReset(service));
    }

    @Override
    public void close() {
        closed = true;
        loop.execute(() -> {
            guarded(this::commitQueued); // counts and intents of failures not acted on are re-issued at start
            integrityCheck.cancel();
            phases.values().forEach(ServicePhase::leave);
            phases.clear();
            inFlight.clear();
        });
    }

    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        loop.execute(() -> {
            if (!closed) {
                guarded(task);
            }
        });
    }

    private <T> CompletionStage<T> onLoop(Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("engine is closed"));
            return result;
        }
        loop.execute(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "engine task failed; the loop goes on", e);
        }
    }

    // ---------------------------------------------------------------- start and units

    private void doStart() {
        if (started) {
            throw new IllegalStateException("engine already started");
        }
        started = true;
        Optional<Meditation> meditation = store.meditation(context);
        if (meditation.isPresent()) {
            if (meditation.get().bootId().equals(bootId)) {
                mode = new EngineMode.Meditating(meditation.get());
            } else {
                store.endMeditation(context);
                LOG.log(Level.INFO, "meditation from an earlier boot ended");
            }
        }
        for (ServiceRecord record : store.escalated()) {
            Optional<RecoveryUnit> unit = units().unitFor(record.service());
            if (unit.isEmpty()) {
                store.reset(record.service());
                continue;
            }
            // Exhausted or not, the service relaxes rvector × relax-time after its last failure.
            armRelax(unit.get(), record.service(), record.rvector(), relaxDeadlineOf(unit.get(), record));
        }
        serviceManager.watch(new LoopObserver());
        reissuePending();
        integrityCheck = loop.schedule(integrityCheckDelay, () -> submit(this::runIntegrityCheck));
    }

    private UnitSyncReport doSyncUnits(UnitCatalog catalog) {
        commitQueued();
        UnitSyncPlan plan = UnitSync.plan(store.units(), store.escalated(), catalog);
        store.applyUnitSync(plan);
        UnitSyncReport report = plan.report();
        unitsInForce = UnitsInForce.ofStored(plan.unitsInForce());
        Instant now = clock.instant();
        for (RecoveryUnit unit : report.added()) {
            emit(new RecoveryEvent.UnitAdded(now, context, unit.service(), unit.hash()));
        }
        for (UnitSyncReport.Change change : report.changed()) {
            forgetPhasesOf(change.before());
            emit(new RecoveryEvent.UnitChanged(
                    now,
                    context,
                    change.after().service(),
                    change.before().hash(),
                    change.after().hash()));
        }
        for (RecoveryUnit unit : report.removed()) {
            forgetPhasesOf(unit);
            emit(new RecoveryEvent.UnitRemoved(now, context, unit.service(), unit.hash()));
        }
        catalog.rejected().forEach((source, errors) -> {
            String service = units().all().stream()
                    .filter(u -> u.source().equals(source))
                    .map(RecoveryUnit::service)
                    .findFirst()
                    .orElse("");
            String summary = errors.stream().map(UnitError::toString).collect(Collectors.joining("; "));
            emit(new RecoveryEvent.UnitRejected(now, context, service, source, summary));
        });
        return report;
    }

    private void forgetPhasesOf(RecoveryUnit unit) {
        phases.entrySet().removeIf(e -> {
            if (unit.governs(e.getKey())) {
                e.getValue().leave();
                return true;
            }
            return false;
        });
    }

    // ---------------------------------------------------------------- failures

    private void onFailure(ServiceFailure failure) {
        String service = failure.service();
        Optional<RecoveryUnit> maybeUnit = units().unitFor(service);
        if (maybeUnit.isEmpty()) {
            emit(RecoveryEvent.FailureObserved.of(clock.instant(), context, failure, 0, false));
            return;
        }
        RecoveryUnit unit = maybeUnit.get();
        if (!firstSighting(service, failure.failureId())) {
            // The store only remembers the last failure counted; a late, stale report of an earlier
            // one (a resync racing a restart) must not count again.
            LOG.log(Level.DEBUG, "failure " + failure.failureId() + " of " + service + " seen before");
            return;
        }
        if (olderThanAQueuedFailure(failure)) {
            // The same after a restart of this engine, whose memory of sightings is gone: a failure
            // that happened before the last one counted was counted then. The store tells that in
            // the count's own transaction (its last failure time is durable), no read here.
            LOG.log(Level.DEBUG, "failure " + failure.failureId() + " of " + service + " is older than the last");
            return;
        }
        Instant decidedAt = clock.instant();
        // The count and the action it selects are committed together: a crash leaves both or neither.
        // The commit is shared with every failure the loop drained together (group commit).
        queuedFailures.add(new QueuedFailure(failure, unit));
        queue(new StoreWrite.CountFailure(
                service,
                failure.failureId(),
                failure.at(),
                rvector -> intentOf(mode.decide(unit, rvector), service, failure.failureId(), rvector, decidedAt)));
    }

    /** A failure waiting for the next commit, and the unit it was decided under. */
    private record QueuedFailure(ServiceFailure failure, RecoveryUnit unit) {}

    /** Queues a write for the next commit, which the loop runs after the tasks already queued. */
    private void queue(StoreWrite write) {
        queuedWrites.add(write);
        if (!commitQueued) {
            commitQueued = true;
            // Not submit(): the commit runs also after close, so nothing queued is lost.
            loop.execute(() -> guarded(this::commitQueued));
        }
    }

    /**
     * Commits every queued write in one store call (one transaction, one flush), then acts on the
     * failures it counted, in the order they arrived: no action is issued before its count and
     * intent are durable.
     */
    private void commitQueued() {
        commitQueued = false;
        if (queuedWrites.isEmpty()) {
            return;
        }
        java.util.List<StoreWrite> writes = java.util.List.copyOf(queuedWrites);
        java.util.List<QueuedFailure> failures = java.util.List.copyOf(queuedFailures);
        queuedWrites.clear();
        queuedFailures.clear();
        java.util.List<FailureCount> counts = store.commitBatch(writes);
        if (counts.size() != failures.size()) {
            throw new IllegalStateException(
                    "the store returned " + counts.size() + " counts for " + failures.size() + " failures");
        }
        for (int i = 0; i < failures.size() && !closed; i++) {
            int index = i;
            guarded(() -> counted(failures.get(index), counts.get(index)));
        }
    }

    private void counted(QueuedFailure queued, FailureCount count) {
        ServiceFailure failure = queued.failure();
        String service = failure.service();
        if (!count.counted()) {
            LOG.log(Level.DEBUG, "failure " + failure.failureId() + " of " + service + " already counted");
            return;
        }
        int rvector = count.rvector();
        enter(service, ServicePhase.Healthy.INSTANCE);
        holdingEvents = true; // a restart goes out before its events are told (issue 11)
        try {
            emit(RecoveryEvent.FailureObserved.of(clock.instant(), context, failure, rvector, true));
            Decision decision = mode.decide(queued.unit(), rvector);
            carryOut(decision, queued.unit(), service, rvector, failure.failureId());
        } finally {
            releaseEvents();
        }
    }

    /**
     * Whether the failure happened before one queued for its service and not yet committed; one
     * before the last failure counted is refused by the store when it counts.
     */
    private boolean olderThanAQueuedFailure(ServiceFailure failure) {
        return queuedFailures.stream()
                .map(QueuedFailure::failure)
                .anyMatch(queued -> queued.service().equals(failure.service())
                        && failure.at().isBefore(queued.at()));
    }

    /** Remembers the failure id; false when it was seen (counted or not) by this engine already. */
    private boolean firstSighting(String service, String failureId) {
        java.util.Deque<String> seen = seenFailures.computeIfAbsent(service, s -> new java.util.ArrayDeque<>());
        if (seen.contains(failureId)) {
            return false;
        }
        seen.addLast(failureId);
        if (seen.size() > SEEN_FAILURES_PER_SERVICE) {
            seen.removeFirst();
        }
        return true;
    }

    /** The pending action a decision leaves: one for every action with an outcome to wait for. */
    private Optional<PendingAction> intentOf(
            Decision decision, String service, String failureId, int rvector, Instant decidedAt) {
        if (decision instanceof Decision.Act act && act.action().type() != ActionType.IGNORE_SERVICE) {
            return Optional.of(new PendingAction(
                    requestId(service, failureId, rvector),
                    service,
                    failureId,
                    rvector,
                    act.action().type(),
                    decidedAt,
                    false));
        }
        return Optional.empty();
    }

    private void carryOut(Decision decision, RecoveryUnit unit, String service, int rvector, String failureId) {
        Instant now = clock.instant();
        if (decision instanceof Decision.Exhaust exhaust) {
            emit(new RecoveryEvent.Exhausted(now, context, service, rvector, exhaust.ladderLength()));
            // An exhausted service still relaxes: fixed by hand, its next failure starts the ladder again.
            armRelax(unit, service, rvector, now.plus(unit.relaxTime().multipliedBy(rvector)));
        } else if (decision instanceof Decision.Suppress suppress) {
            enter(service, new ServicePhase.Stalled(rvector, suppress.reason()));
            emit(new RecoveryEvent.ActionSuppressed(
                    now, context, service, rvector, suppress.type(), suppress.reason()));
        } else if (decision instanceof Decision.Act act) {
            issue(act.action(), unit, service, rvector, failureId);
        }
    }

    private void issue(RecoveryAction action, RecoveryUnit unit, String service, int rvector, String failureId) {
        Instant now = clock.instant();
        ActionType type = action.type();
        String requestId = requestId(service, failureId, rvector);
        if (refusedWhileDegraded(type, service, rvector, now)
                || heldByBudget(unit, type, service, rvector, requestId, now)) {
            store.closePendingAction(requestId);
            return;
        }
        if (type == ActionType.IGNORE_SERVICE) {
            emit(new RecoveryEvent.ActionIssued(now, context, service, rvector, type, requestId));
            store.reset(service);
            enter(service, ServicePhase.Healthy.INSTANCE);
            return;
        }
        if (type != ActionType.RESTART_SERVICE) {
            releaseEvents(); // anything else is told before it runs, a destructive one also recorded
        }
        announce(
                forwards(type)
                        ? new RecoveryEvent.ActionForwarded(now, context, service, rvector, type, requestId)
                        : new RecoveryEvent.ActionIssued(now, context, service, rvector, type, requestId),
                type);
        launch(unit, service, rvector, type, requestId);
        releaseEvents();
        if (action.reset()) {
            store.reset(service);
            enter(service, ServicePhase.Healthy.INSTANCE);
        } else {
            armRelax(unit, service, rvector, now.plus(unit.relaxTime().multipliedBy(rvector)));
        }
    }

    /**
     * Tells the listeners that an action is about to run and, for a destructive one, writes its
     * history row through the store before anything runs it: the engine's own promise, whoever
     * listens. Listeners see the event first, so a history recorder can write what it queued before
     * (the rows stay in order) and leaves this row to the engine.
     */
    private void announce(RecoveryEvent event, ActionType type) {
        emit(event);
        if (type.isDestructive()) {
            try {
                store.appendHistory(event.toHistoryEntry().withBootId(bootId));
            } catch (RuntimeException e) {
                LOG.log(
                        Level.ERROR,
                        "could not record " + type.tomlName() + " of " + event.service() + " before running it",
                        e);
            }
        }
    }

    private boolean forwards(ActionType type) {
        return type != ActionType.RESTART_SERVICE
                && type != ActionType.DISABLE_SERVICE
                && systemActions.disposition(type) == Disposition.FORWARD;
    }

    /**
     * Starts the action and closes its pending record when the outcome is known. A system-level
     * action puts the engine into meditation only once whoever runs it accepted it; a refused or
     * failed one is recorded and the ladder goes on.
     */
    private void launch(RecoveryUnit unit, String service, int rvector, ActionType type, String requestId) {
        inFlight.add(requestId);
        CompletionStage<ActionOutcome> outcome =
                switch (type) {
                    case RESTART_SERVICE -> serviceCall(() -> serviceManager.restart(service));
                    case DISABLE_SERVICE -> serviceCall(() -> serviceManager.disableForBoot(service));
                    default -> {
                        ActionRequest request = new ActionRequest(
                                requestId, context, service, type, rvector, unit.dataPathFor(type), clock.instant());
                        try {
                            yield systemActions.execute(request);
                        } catch (RuntimeException e) {
                            yield CompletableFuture.completedFuture(ActionOutcome.failed(describe(e)));
                        }
                    }
                };
        outcome.whenComplete((result, error) -> submit(() -> completed(
                service, rvector, type, requestId, error == null ? result : ActionOutcome.failed(describe(error)))));
    }

    private void completed(String service, int rvector, ActionType type, String requestId, ActionOutcome outcome) {
        if (!inFlight.remove(requestId)) {
            return; // issued again after a resync and already completed: the first outcome counts
        }
        Instant now = clock.instant();
        emit(new RecoveryEvent.ActionCompleted(
                now, context, service, rvector, type, requestId, outcome.success(), outcome.detail()));
        if (outcome.success() && type.isSystemLevel()) {
            meditate(service, type, now);
        }
        // Off the failure path, with the next commit: a crash before it only repeats the action's
        // idempotent part at start (a restart again; a started destructive action is not run again).
        queue(new StoreWrite.ClosePendingAction(requestId));
    }

    private static CompletionStage<ActionOutcome> serviceCall(Supplier<CompletionStage<Void>> control) {
        return call(control).thenApply(ignored -> ActionOutcome.ok("done"));
    }

    // ---------------------------------------------------------------- pending actions

    /**
     * Issues again, with the same request id, every pending action not in flight in this engine:
     * at start (a crash came between the count and the outcome) and after the service manager
     * resynced (a call may have been lost with the connection: restart and disable calls still in
     * flight are repeated too, the first outcome closes them). A destructive action recorded as
     * started is not run again: a started system action counts as accepted, an interrupted data
     * reset only starts the service again.
     */
    private void reissuePending() {
        commitQueued(); // closes still queued would make finished actions look pending
        for (PendingAction pending : store.pendingActions()) {
            boolean serviceControl =
                    pending.action() == ActionType.RESTART_SERVICE || pending.action() == ActionType.DISABLE_SERVICE;
            if (inFlight.contains(pending.requestId()) && !serviceControl) {
                continue; // still running here; only idempotent service-manager calls are repeated
            }
            String service = pending.service();
            ActionType type = pending.action();
            Optional<RecoveryUnit> unit = units().unitFor(service);
            if (unit.isEmpty()) {
                LOG.log(Level.INFO, "pending " + type.tomlName() + " of " + service + " dropped: no unit any more");
                store.closePendingAction(pending.requestId());
                continue;
            }
            Instant now = clock.instant();
            if (type.isSystemLevel() && mode instanceof EngineMode.Meditating meditating) {
                emit(new RecoveryEvent.ActionSuppressed(
                        now,
                        context,
                        service,
                        pending.rvector(),
                        type,
                        "meditating since " + meditating.meditation().action().tomlName() + " for "
                                + meditating.meditation().service()));
                store.closePendingAction(pending.requestId());
                continue;
            }
            if (pending.started() && type.isDestructive()) {
                resumeStarted(pending);
                continue;
            }
            LOG.log(
                    Level.INFO,
                    "re-issuing pending " + type.tomlName() + " of " + service + " (" + pending.requestId() + ")");
            announce(
                    forwards(type)
                            ? new RecoveryEvent.ActionForwarded(
                                    now, context, service, pending.rvector(), type, pending.requestId())
                            : new RecoveryEvent.ActionIssued(
                                    now, context, service, pending.rvector(), type, pending.requestId()),
                    type);
            launch(unit.get(), service, pending.rvector(), type, pending.requestId());
        }
    }

    private void resumeStarted(PendingAction pending) {
        String service = pending.service();
        inFlight.add(pending.requestId());
        if (pending.action().isSystemLevel()) {
            completed(
                    service,
                    pending.rvector(),
                    pending.action(),
                    pending.requestId(),
                    ActionOutcome.ok("started before the daemon stopped; not run again"));
            return;
        }
        call(() -> serviceManager.start(service))
                .whenComplete((ignored, error) -> submit(() -> completed(
                        service,
                        pending.rvector(),
                        pending.action(),
                        pending.requestId(),
                        error == null
                                ? ActionOutcome.failed("interrupted by a daemon stop after it started; not run again; "
                                        + service + " started")
                                : ActionOutcome.failed("interrupted by a daemon stop after it started; not run again; "
                                        + "starting " + service + " failed: " + describe(error)))));
    }

    /**
     * A destructive action is refused while the store cannot commit: its escalation would not
     * survive a restart. The refusal is an event (logged, and kept for the history).
     */
    private boolean refusedWhileDegraded(ActionType type, String service, int rvector, Instant now) {
        Optional<String> degradation = type.isDestructive() ? store.degradation() : Optional.empty();
        if (degradation.isEmpty()) {
            return false;
        }
        String reason = "refused: the store is degraded (" + degradation.get() + ")";
        enter(service, new ServicePhase.Stalled(rvector, reason));
        emit(new RecoveryEvent.ActionSuppressed(now, context, service, rvector, type, reason));
        return true;
    }

    /**
     * A budgeted action this instance runs itself is held when its budget is spent: not run, the
     * service stalled with the reason, an event (logged, kept in the history). A forwarded one is
     * counted by the instance that runs it, the master.
     */
    private boolean heldByBudget(
            RecoveryUnit unit, ActionType type, String service, int rvector, String requestId, Instant now) {
        Optional<ActionBudget> budget = budgets.overriddenBy(unit.budgets()).limitFor(type);
        if (budget.isEmpty() || forwards(type)) {
            return false;
        }
        BudgetLedger.Verdict verdict =
                budgetLedger.spend(type, budget.get(), service, context, rvector, requestId, now);
        if (verdict instanceof BudgetLedger.Verdict.Held held) {
            enter(service, new ServicePhase.Stalled(rvector, held.reason()));
            emit(new RecoveryEvent.ActionHeld(now, context, service, rvector, type, held.reason()));
            return true;
        }
        return false;
    }

    private void meditate(String service, ActionType type, Instant now) {
        Meditation meditation = new Meditation(context, bootId, service, type, now);
        store.enterMeditation(meditation);
        mode = new EngineMode.Meditating(meditation);
        emit(new RecoveryEvent.MeditationEntered(now, context, service, type));
    }

    private static CompletionStage<Void> call(Supplier<CompletionStage<Void>> control) {
        try {
            return control.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private String requestId(String service, String failureId, int rvector) {
        String key = context + '\n' + service + '\n' + failureId + '\n' + rvector;
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
    }

    // ---------------------------------------------------------------- relax timers

    /** When a service escalated to this record relaxes: rvector × relax-time after its last failure. */
    private Instant relaxDeadlineOf(RecoveryUnit unit, ServiceRecord record) {
        Duration relax = unit.relaxTime().multipliedBy(record.rvector());
        return record.lastFailureAt()
                .map(at -> at.plus(relax))
                .or(record::relaxDeadline)
                .orElseGet(() -> clock.instant().plus(relax));
    }

    private void armRelax(RecoveryUnit unit, String service, int rvector, Instant deadline) {
        // With the next commit: after a crash the deadline is derived from the durable last failure.
        queue(new StoreWrite.ArmRelax(service, rvector, deadline));
        Duration remaining = Duration.between(clock.instant(), deadline);
        io.recoverymanager.core.spi.Cancellable timer = loop.schedule(
                remaining.isNegative() ? Duration.ZERO : remaining, () -> submit(() -> onRelaxed(service, rvector)));
        enter(service, new ServicePhase.Relaxing(rvector, timer));
        emit(new RecoveryEvent.RelaxArmed(clock.instant(), context, service, rvector, deadline));
    }

    private void onRelaxed(String service, int armedRvector) {
        ServicePhase phase = phases.get(service);
        if (!(phase instanceof ServicePhase.Relaxing relaxing) || relaxing.armedRvector() != armedRvector) {
            return; // superseded by a newer failure, a reset or a unit change
        }
        commitQueued();
        if (store.relaxIfUnchanged(service, armedRvector)) {
            phases.remove(service);
            emit(new RecoveryEvent.Recovered(clock.instant(), context, service, armedRvector));
        }
    }

    private void enter(String service, ServicePhase next) {
        ServicePhase previous =
                next == ServicePhase.Healthy.INSTANCE ? phases.remove(service) : phases.put(service, next);
        if (previous != null && previous != next) {
            previous.leave();
        }
    }

    // ---------------------------------------------------------------- manual reset

    private int doReset(String service) {
        commitQueued();
        int previous = store.reset(service);
        enter(service, ServicePhase.Healthy.INSTANCE);
        emit(new RecoveryEvent.ManualReset(clock.instant(), context, service, previous));
        return previous;
    }

    // ---------------------------------------------------------------- friends

    private void onFriendSubjectFailed(FriendType type, String name, String subjectContext) {
        if (type == FriendType.SERVICE && subjectContext.equals(context)) {
            return; // systemd's own dependencies handle service friends in the same context
        }
        for (RecoveryUnit unit : units().withFriend(type, name, subjectContext, context)) {
            if (unit.isTemplate()) {
                LOG.log(Level.WARNING, "friend of template unit " + unit.service() + " ignored: no concrete service");
                continue;
            }
            for (Friend friend : unit.friends()) {
                if (friend.refersTo(type, name, subjectContext, context)) {
                    loop.schedule(
                            friend.delay(),
                            () -> submit(() -> applyFriendAction(unit.service(), friend, subjectContext)));
                }
            }
        }
    }

    private final FriendActionLimiter friendLimiter = FriendActionLimiter.DEFAULTS.fresh();

    private void applyFriendAction(String service, Friend friend, String subjectContext) {
        if (mode instanceof EngineMode.Meditating) {
            LOG.log(Level.INFO, "friend action on " + service + " suppressed: meditating");
            return;
        }
        if (!friendLimiter.tryAcquire(service, friend, clock.instant())) {
            LOG.log(
                    Level.WARNING,
                    "friend action " + friend.action() + " on " + service + " for " + friend.name() + " in "
                            + subjectContext + " suppressed: rate limit (flood of failures elsewhere?)");
            return;
        }
        CompletionStage<Void> stage = call(() -> switch (friend.action()) {
            case START -> serviceManager.start(service);
            case STOP -> serviceManager.stop(service);
            case RESTART -> serviceManager.restart(service);
            case SIGNAL -> serviceManager.signal(service, friend.signal());
        });
        stage.whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.log(
                        Level.WARNING,
                        "friend action " + friend.action() + " on " + service + " failed: " + describe(error));
            }
        });
        emit(new RecoveryEvent.FriendActionIssued(
                clock.instant(),
                context,
                service,
                friend.type(),
                friend.name(),
                subjectContext,
                friend.action(),
                friend.signal()));
    }

    // ---------------------------------------------------------------- integrity check

    private void runIntegrityCheck() {
        for (RecoveryUnit unit : units().all()) {
            if (!unit.checkStart() || unit.isTemplate()) {
                continue;
            }
            String service = unit.service();
            CompletionStage<ServiceStatus> status;
            try {
                status = serviceManager.status(service);
            } catch (RuntimeException e) {
                status = CompletableFuture.failedFuture(e);
            }
            status.whenComplete((s, error) -> submit(() -> {
                if (error == null && s.isUp()) {
                    return;
                }
                startForCheck(service, error == null ? s.activeState() + "/" + s.subState() : describe(error));
            }));
        }
    }

    /**
     * A check-start service not up at the integrity check is started once and not counted: systemd
     * reports a failure of that start as any other, which is counted then. Only a start that systemd
     * refuses outright (no failure would follow) is counted here.
     */
    private void startForCheck(String service, String state) {
        emit(new RecoveryEvent.CheckStarted(clock.instant(), context, service, state));
        call(() -> serviceManager.start(service)).whenComplete((ignored, error) -> {
            if (error != null) {
                submit(() -> onFailure(new ServiceFailure(
                        service,
                        "check-start (start refused: " + describe(error) + ")",
                        OptionalInt.empty(),
                        "check-start:" + bootId,
                        clock.instant())));
            }
        });
    }

    // ---------------------------------------------------------------- helpers

    private UnitsInForce units() {
        if (unitsInForce == null) {
            unitsInForce = UnitsInForce.ofStored(store.units());
        }
        return unitsInForce;
    }

    private void emit(RecoveryEvent event) {
        if (holdingEvents) {
            heldEvents.add(event);
        } else {
            listeners.emit(event);
        }
    }

    /**
     * Tells the listeners the events held while a failure was counted and its restart issued, in
     * order, and stops holding. A restart's call thus leaves before the listeners' work (log lines,
     * history rows, wake-ups of their threads) is started on the loop; anything but a restart
     * releases them before it is announced, so a destructive action is still told and recorded
     * before it runs.
     */
    private void releaseEvents() {
        holdingEvents = false;
        if (heldEvents.isEmpty()) {
            return;
        }
        List<RecoveryEvent> events = List.copyOf(heldEvents);
        heldEvents.clear();
        events.forEach(listeners::emit);
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    /** Hands observations from the service manager's thread over to the loop. */
    private final class LoopObserver implements ServiceObserver {
        @Override
        public void serviceFailed(ServiceFailure failure) {
            DefaultRecoveryEngine.this.serviceFailed(failure);
        }

        @Override
        public void serviceAdded(String service) {
            LOG.log(Level.DEBUG, "service added: " + service);
        }

        @Override
        public void serviceRemoved(String service) {
            LOG.log(Level.DEBUG, "service removed: " + service);
        }

        @Override
        public void resynced() {
            submit(DefaultRecoveryEngine.this::reissuePending);
        }
    }
}
