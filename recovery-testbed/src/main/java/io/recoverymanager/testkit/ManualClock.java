package io.recoverymanager.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that moves only when told to. Tests advance it instead of sleeping.
 *
 * <p>Thread-safety: thread-safe; reads and advances are atomic.
 */
public final class ManualClock extends Clock {
    private volatile Instant now;

    /** A clock starting at the given instant. */
    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** A clock starting at 2026-01-01T00:00:00Z. */
    public ManualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Moves the clock forward (never backward). */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards: " + duration);
        }
        now = now.plus(duration);
    }

    /** Sets the clock to a later instant. */
    public synchronized void setTo(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("time does not go backwards: " + instant + " < " + now);
        }
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("ManualClock is always UTC");
    }
}
