package io.recoverymanager.core.api;

import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.RecoveryAction;

/**
 * What a counted failure calls for: an immutable value the engine then carries out through the
 * ports. Keeping the decision apart from its side effects makes the policy testable on its own.
 *
 * <p>Thread-safety: immutable.
 */
sealed interface Decision {

    /** Issue the action (rung {@code index} of the ladder). */
    record Act(RecoveryAction action, int index) implements Decision {}

    /** The rvector is beyond the ladder: no action. */
    record Exhaust(int ladderLength) implements Decision {}

    /** An action was due but the engine meditates. */
    record Suppress(ActionType type, String reason) implements Decision {}
}
