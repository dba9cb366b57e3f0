package io.recoverymanager.dispatch;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.ActionType;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what dispatch learns outside the engine into the history: on the master, slave requests it
 * refused ({@value #REFUSED}); on a slave, every acknowledgement of a forwarded request, including
 * one that arrives after the engine stopped waiting for it ({@value #ACKNOWLEDGED}).
 *
 * <p>Thread-safety: thread-safe (the store is).
 */
public final class DispatchHistory {
    /** History kind of a slave request the master refused. */
    public static final String REFUSED = "slave-request-refused";

    /** History kind of an acknowledgement a slave received. */
    public static final String ACKNOWLEDGED = "forwarded-acknowledged";

    private static final Logger LOG = LoggerFactory.getLogger(DispatchHistory.class);

    private final RecoveryStore store;
    private final String context;
    private final Clock clock;
    private final String bootId;

    public DispatchHistory(RecoveryStore store, String context, Clock clock) {
        this(store, context, clock, "");
    }

    /** Writes rows stamped with this boot of the instance ({@link HistoryEntry#bootId()}). */
    public DispatchHistory(RecoveryStore store, String context, Clock clock, String bootId) {
        this.store = Objects.requireNonNull(store, "store");
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bootId = Objects.requireNonNull(bootId, "bootId");
    }

    /** The master refused a slave's request. */
    public void requestRefused(String slaveContext, String service, ActionType action, String reason) {
        write(new HistoryEntry(clock.instant(), service, slaveContext, 0, REFUSED, action.tomlName(), reason));
    }

    /** The master acknowledged a request this slave forwarded. */
    public void acknowledged(String requestId, ActionOutcome outcome) {
        write(new HistoryEntry(
                clock.instant(),
                "",
                context,
                0,
                ACKNOWLEDGED,
                "",
                "request " + requestId + ": " + (outcome.success() ? "ok" : "not ok") + ": " + outcome.detail()));
    }

    private void write(HistoryEntry entry) {
        try {
            store.appendHistory(entry.withBootId(bootId));
        } catch (RuntimeException e) {
            LOG.error("could not record {} in the history", entry.kind(), e);
        }
    }
}
