package io.recoverymanager.core.event;

import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Everything the engine decides or changes, as immutable values. Listeners receive them in order;
 * the history stores them as {@link HistoryEntry} rows.
 *
 * <p>Thread-safety: all implementations are immutable.
 */
public sealed interface RecoveryEvent {
    /** When it happened, on the engine's clock. */
    Instant at();

    /** The engine's context (the context of the service concerned). */
    String context();

    /** The service concerned, or empty for context-wide events. */
    String service();

    /** The rvector at the time, 0 where it does not apply. */
    default int rvector() {
        return 0;
    }

    /** A short stable name of the event kind, used in history and JSON output. */
    String kind();

    /** The action concerned, or empty. */
    default String action() {
        return "";
    }

    /** A human-readable detail. */
    String detail();

    /** The history row for this event. */
    default HistoryEntry toHistoryEntry() {
        return new HistoryEntry(at(), service(), context(), rvector(), kind(), action(), detail());
    }

    /**
     * A service failed. {@code managed} is false for services without a recovery unit (rvector 0);
     * such failures still matter to friends. {@code exitStatus} is the status of a main process that
     * exited by itself, {@code signal} the signal that killed it, {@code invocationId} systemd's id of
     * the failed run (empty when unknown).
     */
    record FailureObserved(
            Instant at,
            String context,
            String service,
            int rvector,
            String result,
            String failureId,
            boolean managed,
            OptionalInt exitStatus,
            OptionalInt signal,
            String invocationId)
            implements RecoveryEvent {
        public FailureObserved {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(failureId, "failureId");
            Objects.requireNonNull(exitStatus, "exitStatus");
            Objects.requireNonNull(signal, "signal");
            Objects.requireNonNull(invocationId, "invocationId");
        }

        /** A failure without exit details. */
        public FailureObserved(
                Instant at,
                String context,
                String service,
                int rvector,
                String result,
                String failureId,
                boolean managed) {
            this(
                    at,
                    context,
                    service,
                    rvector,
                    result,
                    failureId,
                    managed,
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    "");
        }

        /** The event of a reported failure, with its exit details. */
        public static FailureObserved of(
                Instant at, String context, ServiceFailure failure, int rvector, boolean managed) {
            return new FailureObserved(
                    at,
                    context,
                    failure.service(),
                    rvector,
                    failure.result(),
                    failure.failureId(),
                    managed,
                    failure.exitCode(),
                    failure.signal(),
                    failure.invocationId());
        }

        @Override
        public String kind() {
            return "failure";
        }

        @Override
        public String detail() {
            StringBuilder d = new StringBuilder("result=").append(result);
            exitStatus.ifPresent(s -> d.append(" status=").append(s));
            signal.ifPresent(s -> d.append(" signal=").append(s));
            return d.append(managed ? "" : " (no recovery unit)").toString();
        }

        @Override
        public HistoryEntry toHistoryEntry() {
            return new HistoryEntry(
                    at, service, context, rvector, kind(), action(), detail(), exitStatus, signal, invocationId, "");
        }
    }

    /** The engine issued an action that this instance carries out. */
    record ActionIssued(Instant at, String context, String service, int rvector, ActionType type, String requestId)
            implements RecoveryEvent {
        @Override
        public String kind() {
            return "action";
        }

        @Override
        public String action() {
            return type.tomlName();
        }

        @Override
        public String detail() {
            return "request " + requestId;
        }
    }

    /** A slave forwarded a system-level action to the master. */
    record ActionForwarded(Instant at, String context, String service, int rvector, ActionType type, String requestId)
            implements RecoveryEvent {
        @Override
        public String kind() {
            return "forwarded";
        }

        @Override
        public String action() {
            return type.tomlName();
        }

        @Override
        public String detail() {
            return "request " + requestId + " forwarded to the master";
        }
    }

    /** An issued or forwarded action ended (for a forwarded one: the master acknowledged it). */
    record ActionCompleted(
            Instant at,
            String context,
            String service,
            int rvector,
            ActionType type,
            String requestId,
            boolean success,
            String outcome)
            implements RecoveryEvent {
        @Override
        public String kind() {
            return success ? "action-done" : "action-failed";
        }

        @Override
        public String action() {
            return type.tomlName();
        }

        @Override
        public String detail() {
            return outcome;
        }
    }

    /** A failure beyond the last action of the ladder: nothing more to do. */
    record Exhausted(Instant at, String context, String service, int rvector, int ladderLength)
            implements RecoveryEvent {
        @Override
        public String kind() {
            return "exhausted";
        }

        @Override
        public String detail() {
            return "the ladder has " + ladderLength + " step(s); no action left";
        }
    }

    /** An action was decided but not issued because the context meditates. */
    record ActionSuppressed(Instant at, String context, String service, int rvector, ActionType type, String reason)
            implements RecoveryEvent {
        @Override
        public String kind() {
            return "suppressed";
        }

        @Override
        public String action() {
            return type.tomlName();
        }

        @Override
        public String detail() {
            return reason;
        }
    }

    /**
     * At the integrity check a check-start service was neither active nor activating, so it was
     * started once; its rvector is unchanged (a failure of that start is counted as any other).
     */
    record CheckStarted(Instant at, String context, String service, String state) implements RecoveryEvent {
        public CheckStarted {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String kind() {
            return "check-start";
        }

        @Override
        public String detail() {
            return state + " after the integrity-check delay; started once, not counted";
        }
    }

    /**
     * A destructive action was due but its budget is spent: it is not run and the service is held
     * (escalated, nothing running) until a new failure, an operator reset or its relax time.
     */
    record ActionHeld(Instant at, String context, String service, int rvector, ActionType type, String reason)
            implements RecoveryEvent {
        public ActionHeld {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String kind() {
            return "held";
        }

        @Override
        public String action() {
            return type.tomlName();
        }

        @Override
        public String detail() {
            return reason;
        }
    }

    /** A relax timer was armed after an action. */
    record RelaxArmed(Instant at, String context, String service, int rvector, Instant deadline)
            implements RecoveryEvent {
        @Override
        public String kind() {
            return "relax-armed";
        }

        @Override
        public String detail() {
            return "recovered at " + deadline + " unless it fails again";
        }
    }

    /** No failure came during the relax time: the rvector returned to 0. */
    record Recovered(Instant at, String context, String service, int rvector) implements RecoveryEvent {
        @Override
        public String kind() {
            return "recovered";
        }

        @Override
        public String detail() {
            return "no failure during the relax time; rvector " + rvector + " -> 0";
        }
    }

    /** A system-level action was issued; no further actions until the next boot. */
    record MeditationEntered(Instant at, String context, String service, ActionType type) implements RecoveryEvent {
        @Override
        public String kind() {
            return "meditation";
        }

        @Override
        public String action() {
            return type.tomlName();
        }

        @Override
        public String detail() {
            return "after " + type.tomlName() + " no further actions are issued until the next boot";
        }
    }

    /** A friend failed and the unit's own service was acted upon. */
    record FriendActionIssued(
            Instant at,
            String context,
            String service,
            FriendType friendType,
            String friend,
            String friendContext,
            FriendAction friendAction,
            int signal)
            implements RecoveryEvent {
        @Override
        public String kind() {
            return "friend-action";
        }

        @Override
        public String action() {
            return friendAction == FriendAction.SIGNAL ? "signal " + signal : friendAction.tomlName();
        }

        @Override
        public String detail() {
            return friendType.tomlName() + " " + friend + " failed in " + friendContext;
        }
    }

    /** A unit was ingested for the first time. */
    record UnitAdded(Instant at, String context, String service, String hash) implements RecoveryEvent {
        @Override
        public String kind() {
            return "unit-added";
        }

        @Override
        public String detail() {
            return "hash " + hash;
        }
    }

    /** A unit changed; its rvector returned to 0. */
    record UnitChanged(Instant at, String context, String service, String oldHash, String newHash)
            implements RecoveryEvent {
        @Override
        public String kind() {
            return "unit-changed";
        }

        @Override
        public String detail() {
            return "hash " + oldHash + " -> " + newHash + "; rvector reset";
        }
    }

    /** A unit's file disappeared; the unit is no longer in force. */
    record UnitRemoved(Instant at, String context, String service, String hash) implements RecoveryEvent {
        @Override
        public String kind() {
            return "unit-removed";
        }

        @Override
        public String detail() {
            return "hash " + hash;
        }
    }

    /** A unit file failed validation; its previous good version (if any) stays in force. */
    record UnitRejected(Instant at, String context, String service, String source, String errors)
            implements RecoveryEvent {
        @Override
        public String kind() {
            return "unit-rejected";
        }

        @Override
        public String detail() {
            return source + ": " + errors;
        }
    }

    /** An operator reset a service's rvector. */
    record ManualReset(Instant at, String context, String service, int rvector) implements RecoveryEvent {
        @Override
        public String kind() {
            return "manual-reset";
        }

        @Override
        public String detail() {
            return "rvector " + rvector + " -> 0 by operator";
        }
    }
}
