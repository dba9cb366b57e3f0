package io.recoverymanager.core.api;

import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.UnitCatalog;
import java.util.concurrent.CompletionStage;

/**
 * The recovery engine: counts failures per service (the rvector), selects the action of the ladder
 * whose interval contains it, issues it through the ports, and relaxes the rvector back to 0 once
 * a service stayed up for rvector × relax-time.
 *
 * <p>Every method hands its work to the engine's serial {@link io.recoverymanager.core.spi.EventLoop
 * event loop} and returns at once; the returned stages complete on the loop. Build one with {@link
 * #builder()}.
 *
 * <p>Thread-safety: all methods may be called from any thread.
 */
public interface RecoveryEngine extends AutoCloseable {

    /** A builder for an engine wired to the given ports. */
    static RecoveryEngineBuilder builder() {
        return new RecoveryEngineBuilder();
    }

    /** This engine's context name. */
    String context();

    /**
     * Starts the engine: ends a meditation left from an earlier boot, arms a fresh relax timer
     * (rvector × relax-time) for every escalated service, starts watching the service manager and
     * schedules the integrity check. Call after the first {@link #syncUnits}.
     */
    CompletionStage<Void> start();

    /** Makes the catalog the units in force (through the store) and reports the changes as events. */
    CompletionStage<UnitSyncReport> syncUnits(UnitCatalog catalog);

    /** A service of this context failed (normally reported by the service manager port). */
    void serviceFailed(ServiceFailure failure);

    /** A service failed in another context (reported by another instance): friends may react. */
    void serviceFailedElsewhere(String context, String service);

    /** A process crashed in a context (this one or another): process friends may react. */
    void processCrashed(String context, String process);

    /** Returns a service's rvector to 0 on an operator's request; completes with the old value. */
    CompletionStage<Integer> reset(String service);

    /** The store this engine keeps its state in (for read-only views such as status). */
    RecoveryStore store();

    /** Cancels the engine's timers; inputs after this are ignored. */
    @Override
    void close();
}
