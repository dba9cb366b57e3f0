package io.recoverymanager.daemon.wiring;

import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.dispatch.exec.ActionJournal;
import java.time.Clock;

/**
 * Records a destructive action in the store right before the executor runs it: first its pending
 * action is marked started (after a crash it is never run again), then its history row is written
 * (it never runs without one).
 *
 * <p>Thread-safety: as thread-safe as the store.
 */
public final class StoreActionJournal {
    private StoreActionJournal() {}

    /** The journal writing to this store, stamping rows with this clock and this boot of the instance. */
    public static ActionJournal of(RecoveryStore store, Clock clock, String bootId) {
        return (request, what) -> {
            store.markPendingStarted(request.requestId());
            store.appendHistory(new HistoryEntry(
                            clock.instant(),
                            request.service(),
                            request.context(),
                            request.rvector(),
                            "action-started",
                            request.action().tomlName(),
                            what)
                    .withBootId(bootId));
        };
    }
}
