package io.recoverymanager.dispatch.master;

import io.recoverymanager.core.spi.ActionOutcome;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Remembers which slave requests the master has started and how they ended, so a request sent
 * again (slave resending its outbox after a reconnect, or after either side restarted) is never run
 * twice. The daemon may back it with its store to survive master restarts; {@link
 * InMemoryRequestLedger} is the default.
 *
 * <p>Keys are (context, request id): request ids are only unique within a slave.
 *
 * <p>Thread-safety: implementations must be safe for use from any thread; {@link #begin} must be
 * atomic.
 */
public interface RequestLedger {

    /** What the ledger knows about a request. */
    sealed interface Entry {}

    /** The request was started and has not been recorded as finished. */
    record Started(Instant at) implements Entry {
        public Started {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The request ran and ended like this. */
    record Completed(ActionOutcome outcome) implements Entry {
        public Completed {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * Atomically: if the request is known, returns what is known and changes nothing; otherwise
     * records it as {@link Started} and returns empty (the caller must then run it).
     */
    Optional<Entry> begin(String context, String requestId, Instant now);

    /** Records how a started request ended. */
    void complete(String context, String requestId, ActionOutcome outcome);
}
