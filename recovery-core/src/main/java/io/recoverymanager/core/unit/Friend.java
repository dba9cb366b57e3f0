package io.recoverymanager.core.unit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A service or process whose failure makes the unit's own service react, without touching any
 * rvector.
 *
 * @param type whether {@link #name} is a systemd service or a process name
 * @param name the friend's service or process name
 * @param context the context (hostname or configured name) the friend runs in; empty means the
 *     engine's own context
 * @param action what to do to the unit's own service
 * @param signal the signal number for {@link FriendAction#SIGNAL}, otherwise 0
 * @param delay how long to wait after the friend's failure before acting
 *     <p>Thread-safety: immutable.
 */
public record Friend(
        FriendType type, String name, Optional<String> context, FriendAction action, int signal, Duration delay) {
    public Friend {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(delay, "delay");
        if (action == FriendAction.SIGNAL && signal <= 0) {
            throw new IllegalArgumentException("signal action needs a signal number > 0");
        }
        if (action != FriendAction.SIGNAL && signal != 0) {
            throw new IllegalArgumentException("signal is only allowed with the signal action");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
    }

    /** The friend's context, with the engine's own context filled in when none was given. */
    public String contextOr(String ownContext) {
        return context.orElse(ownContext);
    }

    /** Whether a friend subject, in its context, refers to this friend. */
    public boolean refersTo(FriendType type, String name, String context, String ownContext) {
        return this.type == type
                && this.name.equals(name)
                && contextOr(ownContext).equals(context);
    }

    /** The kind of friend subject. */
    public enum FriendType {
        SERVICE("service"),
        PROCESS("process");

        private final String tomlName;

        FriendType(String tomlName) {
            this.tomlName = tomlName;
        }

        public String tomlName() {
            return tomlName;
        }

        @Override
        public String toString() {
            return tomlName;
        }
    }

    /** What a friend failure does to the unit's own service. */
    public enum FriendAction {
        START("start"),
        STOP("stop"),
        RESTART("restart"),
        SIGNAL("signal");

        private final String tomlName;

        FriendAction(String tomlName) {
            this.tomlName = tomlName;
        }

        public String tomlName() {
            return tomlName;
        }

        @Override
        public String toString() {
            return tomlName;
        }
    }
}
