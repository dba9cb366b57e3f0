package io.recoverymanager.core.unit;

import java.time.Duration;
import java.util.Objects;

/**
 * A bound on one destructive action: at most {@code count} of it per sliding {@code window}, per
 * instance.
 *
 * @param count how many the window allows; 0 forbids the action
 * @param window the sliding window, positive
 *     <p>Thread-safety: immutable.
 */
public record ActionBudget(int count, Duration window) {
    /** The longest window: long enough for any policy, far from overflow. */
    public static final Duration MAX_WINDOW = Duration.ofDays(366);
    /** The largest count. */
    public static final int MAX_COUNT = 1_000;

    public ActionBudget {
        Objects.requireNonNull(window, "window");
        if (count < 0 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 0 and " + MAX_COUNT + ", was " + count);
        }
        if (window.isZero() || window.isNegative() || window.compareTo(MAX_WINDOW) > 0) {
            throw new IllegalArgumentException("window must be positive and at most 366d, was " + window);
        }
    }

    /** {@code 3 per 1h}. */
    public String describe() {
        return count + " per " + Durations.format(window);
    }
}
