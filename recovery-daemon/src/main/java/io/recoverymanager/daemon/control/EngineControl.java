package io.recoverymanager.daemon.control;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.dispatch.master.MasterServer;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What operators (the control socket) and crash reporters (D-Bus) ask of the daemon, carried out on
 * the engine; a master also tells its slaves about a crash.
 *
 * <p>Thread-safety: safe from any thread (the engine's methods are).
 */
public final class EngineControl implements ControlHandler {
    private final RecoveryEngine engine;
    private final String context;
    private final Optional<MasterServer> master;

    public EngineControl(RecoveryEngine engine, String context, Optional<MasterServer> master) {
        this.engine = engine;
        this.context = context;
        this.master = master;
    }

    @Override
    public CompletionStage<Integer> reset(String service) {
        return engine.reset(service);
    }

    @Override
    public void processCrashed(Optional<String> crashContext, String process) {
        String where = crashContext.orElse(context);
        engine.processCrashed(where, process);
        master.ifPresent(m -> m.broadcastProcessCrash(where, process));
    }
}
