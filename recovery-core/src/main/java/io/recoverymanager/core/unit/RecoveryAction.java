package io.recoverymanager.core.unit;

import java.util.Objects;

/**
 * One rung of a recovery ladder.
 *
 * @param type what to do
 * @param retry how many consecutive failures this action covers, at least 1
 * @param reset when true, the rvector returns to 0 right after the action (no relax timer)
 *     <p>Thread-safety: immutable.
 */
public record RecoveryAction(ActionType type, int retry, boolean reset) {
    public RecoveryAction {
        Objects.requireNonNull(type, "type");
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1, was " + retry);
        }
    }

    /** An action with retry 1 and no reset. */
    public static RecoveryAction of(ActionType type) {
        return new RecoveryAction(type, 1, false);
    }
}
