package io.recoverymanager.daemon.wiring;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.dispatch.DispatchHistory;
import io.recoverymanager.dispatch.master.MasterServer;
import io.recoverymanager.dispatch.slave.SlaveLink;

/**
 * Forwards what other contexts report (over the master socket or the slave link) to the engine
 * once it exists, and the acknowledgements and refusals to the history.
 *
 * <p>Thread-safety: safe from any thread; the engine is published once through a volatile field.
 */
public final class DispatchRelay implements MasterServer.Listener, SlaveLink.Listener {
    private final DispatchHistory history;
    private volatile RecoveryEngine engine;

    public DispatchRelay(DispatchHistory history) {
        this.history = history;
    }

    /** From now on reports go to this engine (before, they are dropped: the engine is not up). */
    public void engine(RecoveryEngine recoveryEngine) {
        this.engine = recoveryEngine;
    }

    @Override
    public void requestRefused(String slaveContext, String service, ActionType action, String reason) {
        history.requestRefused(slaveContext, service, action, reason);
    }

    @Override
    public void acknowledged(String requestId, ActionOutcome outcome) {
        history.acknowledged(requestId, outcome);
    }

    @Override
    public void serviceFailedElsewhere(String otherContext, String service) {
        RecoveryEngine e = engine;
        if (e != null) {
            e.serviceFailedElsewhere(otherContext, service);
        }
    }

    @Override
    public void processCrashed(String crashContext, String process) {
        RecoveryEngine e = engine;
        if (e != null) {
            e.processCrashed(crashContext, process);
        }
    }
}
