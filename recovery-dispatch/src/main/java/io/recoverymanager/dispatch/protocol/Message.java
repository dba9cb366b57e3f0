package io.recoverymanager.dispatch.protocol;

import io.recoverymanager.core.unit.ActionType;
import java.util.Objects;
import java.util.Optional;

/**
 * The messages of the master/slave protocol (see {@code PROTOCOL.md}). Each has a one-byte frame
 * type; {@link FrameCodec} turns them into frames and back.
 *
 * <p>Thread-safety: all implementations are immutable.
 */
public sealed interface Message {

    /** The frame type byte of this message. */
    byte type();

    /** Slave to master, first frame: protocol version and the slave's context name. */
    record Hello(int version, String context) implements Message {
        public Hello {
            Objects.requireNonNull(context, "context");
        }

        @Override
        public byte type() {
            return 1;
        }
    }

    /** Master to slave: the hello was accepted; carries the master's version and context. */
    record HelloAck(int version, String context) implements Message {
        public HelloAck {
            Objects.requireNonNull(context, "context");
        }

        @Override
        public byte type() {
            return 2;
        }
    }

    /** Master to slave: the connection is refused (and closed) for the given reason. */
    record Refused(String reason) implements Message {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public byte type() {
            return 3;
        }
    }

    /**
     * Slave to master: run a system-level action. The context is the connection's, never a field.
     *
     * @param requestId the engine's stable request id (the master de-duplicates on it)
     * @param service the failed service
     * @param action the action to run
     * @param rvector the rvector that selected it
     * @param path the data directory, for data resets
     * @param atEpochMillis when the slave decided it
     */
    record Request(
            String requestId, String service, ActionType action, int rvector, Optional<String> path, long atEpochMillis)
            implements Message {
        public Request {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public byte type() {
            return 4;
        }
    }

    /**
     * Master to slave: the request ran (or had run before, or was refused); final, the slave drops it
     * from its outbox. {@link Outcome#UNKNOWN} says the master cannot know whether it ran (it was
     * started by an earlier master process that died, or its record could not be written).
     */
    record Ack(String requestId, Outcome outcome, String detail) implements Message {
        public Ack {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }

        /** An acknowledgement that the request succeeded ({@code true}) or failed. */
        public Ack(String requestId, boolean success, String detail) {
            this(requestId, success ? Outcome.OK : Outcome.FAILED, detail);
        }

        /** Whether the request is known to have succeeded. */
        public boolean success() {
            return outcome == Outcome.OK;
        }

        /** How an acknowledged request ended, as one byte on the wire. */
        public enum Outcome {
            /** It ran and failed, or was refused: byte 0. */
            FAILED,
            /** It ran and succeeded: byte 1. */
            OK,
            /** The master cannot know whether it ran: byte 2. */
            UNKNOWN;

            /** The wire byte. */
            public int code() {
                return ordinal();
            }
        }

        @Override
        public byte type() {
            return 5;
        }
    }

    /**
     * Either direction: a request was rejected (with its id; final) or something went wrong with no
     * request to name (without id; informational).
     */
    record ErrorReply(Optional<String> requestId, String reason) implements Message {
        public ErrorReply {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public byte type() {
            return 6;
        }
    }

    /** Either direction: keeps an idle connection alive; carries nothing. */
    record Heartbeat() implements Message {
        @Override
        public byte type() {
            return 7;
        }
    }

    /**
     * Either direction: a service failed in a context. From a slave the context must be the
     * connection's own; from the master it names where the failure happened.
     */
    record ServiceFailureNotice(String context, String service) implements Message {
        public ServiceFailureNotice {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(service, "service");
        }

        @Override
        public byte type() {
            return 8;
        }
    }

    /** Master to slaves: a process crashed in a context. */
    record ProcessCrashNotice(String context, String process) implements Message {
        public ProcessCrashNotice {
            Objects.requireNonNull(context, "context");
            Objects.requireNonNull(process, "process");
        }

        @Override
        public byte type() {
            return 9;
        }
    }
}
