package io.recoverymanager.core.internal;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.spi.ServiceFailure;
import io.recoverymanager.core.spi.UnitSyncReport;
import io.recoverymanager.core.unit.UnitCatalog;
import java.util.concurrent.CompletionStage;

/** STUB: the engine. */
public final class DefaultRecoveryEngine implements RecoveryEngine {
    private final EngineSettings settings;

    public DefaultRecoveryEngine(EngineSettings settings) {
        this.settings = settings;
    }

    @Override
    public String context() {
        return settings.context();
    }

    @Override
    public CompletionStage<Void> start() {
        throw new UnsupportedOperationException();
    }

    @Override
    public CompletionStage<UnitSyncReport> syncUnits(UnitCatalog catalog) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void serviceFailed(ServiceFailure failure) {}

    @Override
    public void serviceFailedElsewhere(String context, String service) {}

    @Override
    public void processCrashed(String context, String process) {}

    @Override
    public CompletionStage<Integer> reset(String service) {
        throw new UnsupportedOperationException();
    }

    @Override
    public RecoveryStore store() {
        return settings.store();
    }

    @Override
    public void close() {}
}
