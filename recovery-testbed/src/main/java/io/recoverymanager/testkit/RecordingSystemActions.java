package io.recoverymanager.testkit;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.unit.ActionType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link SystemActions} that runs nothing and records every request. In master mode it reports
 * that it executes everything; in slave mode it forwards system-level actions, as a slave's
 * dispatcher does.
 *
 * <p>Thread-safety: thread-safe (all methods synchronized).
 */
public final class RecordingSystemActions implements SystemActions {
    private final boolean slave;
    private final List<ActionRequest> requests = new ArrayList<>();
    private ActionOutcome outcome = ActionOutcome.ok("recorded");
    private boolean withholdOutcome;

    private RecordingSystemActions(boolean slave) {
        this.slave = slave;
    }

    /** Executes every action itself, as a master does. */
    public static RecordingSystemActions master() {
        return new RecordingSystemActions(false);
    }

    /** Forwards system-level actions, as a slave does. */
    public static RecordingSystemActions slave() {
        return new RecordingSystemActions(true);
    }

    /** The outcome every later request reports. */
    public synchronized RecordingSystemActions reportOutcome(ActionOutcome outcome) {
        this.outcome = outcome;
        return this;
    }

    /**
     * Later requests get no outcome at all (their stage never completes), as when the daemon is
     * killed while the action runs or before the master answers.
     */
    public synchronized RecordingSystemActions withholdOutcomes() {
        this.withholdOutcome = true;
        return this;
    }

    /** Every request received, in order. */
    public synchronized List<ActionRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public Disposition disposition(ActionType type) {
        return slave && type.isSystemLevel() ? Disposition.FORWARD : Disposition.EXECUTE;
    }

    @Override
    public synchronized CompletionStage<ActionOutcome> execute(ActionRequest request) {
        requests.add(request);
        return withholdOutcome ? new CompletableFuture<>() : CompletableFuture.completedFuture(outcome);
    }
}
