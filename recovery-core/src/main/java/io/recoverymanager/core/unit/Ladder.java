package io.recoverymanager.core.unit;

import java.util.List;
import java.util.Optional;

/**
 * Action selection: maps an rvector to the action whose interval contains it.
 *
 * <p>Action {@code i} (0-based, in file order) covers the rvector values {@code (r_0 + … + r_{i-1},
 * r_0 + … + r_i]} where {@code r_k} is action {@code k}'s retry count. The intervals are disjoint
 * and cover {@code 1..}{@link #length()} without gaps; an rvector beyond that is exhausted.
 *
 * <p>Thread-safety: immutable.
 */
public final class Ladder {
    private final List<RecoveryAction> actions;
    private final int[] upperBounds;

    /** Builds the ladder of a non-empty action list. */
    public Ladder(List<RecoveryAction> actions) {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("a ladder needs at least one action");
        }
        this.actions = List.copyOf(actions);
        this.upperBounds = new int[actions.size()];
        long sum = 0;
        for (int i = 0; i < actions.size(); i++) {
            sum += actions.get(i).retry();
            upperBounds[i] = (int) Math.min(sum, Integer.MAX_VALUE);
        }
    }

    /** The highest rvector that still has an action. */
    public int length() {
        return upperBounds[upperBounds.length - 1];
    }

    /**
     * The step for an rvector, or empty when the rvector is beyond the last interval (exhausted) or
     * not positive.
     */
    public Optional<Step> select(int rvector) {
        if (rvector < 1) {
            return Optional.empty();
        }
        for (int i = 0; i < upperBounds.length; i++) {
            if (rvector <= upperBounds[i]) {
                return Optional.of(new Step(i, actions.get(i)));
            }
        }
        return Optional.empty();
    }

    /** The action that the next failure (rvector + 1) would select, if any. */
    public Optional<Step> next(int rvector) {
        return select(rvector + 1);
    }

    public List<RecoveryAction> actions() {
        return actions;
    }

    /**
     * A selected rung.
     *
     * @param index the action's 0-based position in the unit
     * @param action the action
     */
    public record Step(int index, RecoveryAction action) {}
}
