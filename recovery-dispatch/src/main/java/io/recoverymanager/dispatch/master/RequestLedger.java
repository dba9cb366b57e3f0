package io.recoverymanager.dispatch.master;

import io.recoverymanager.core.model.ActionOutcome;
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

    /**
     * The request was recorded and has not been recorded as finished. When the ledger {@link
     * #tracksExecution() tracks execution}, this means it was not handed to the executor yet.
     */
    record Started(Instant at) implements Entry {
        public Started {
            Objects.requireNonNull(at, "at");
        }
    }

    /** The request was handed to the executor and has not been recorded as finished. */
    record Executing(Instant at) implements Entry {
        public Executing {
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

    /**
     * What is known about a request, without recording anything. The default knows nothing (every
     * request then counts as new for the flood limit; {@link #begin} still decides).
     */
    default Optional<Entry> peek(String context, String requestId) {
        return Optional.empty();
    }

    /**
     * Records, before the executor runs it, that a started request is being executed; after a master
     * crash, a request recorded only as {@link Started} is known not to have run and is run then,
     * one recorded as {@link Executing} is answered "outcome unknown". Ledgers that do not
     * implement it ({@link #tracksExecution()} false) make every unfinished request count as
     * possibly run.
     */
    default void executing(String context, String requestId, Instant now) {}

    /** Whether {@link #executing} is recorded, so a {@link Started} request is known not to have run. */
    default boolean tracksExecution() {
        return false;
    }

    /** Records how a started request ended. */
    void complete(String context, String requestId, ActionOutcome outcome);
}
