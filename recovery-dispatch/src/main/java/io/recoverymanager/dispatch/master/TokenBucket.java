package io.recoverymanager.dispatch.master;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A token bucket: holds at most {@code burst} tokens, gains one every {@code every}; each admitted
 * event takes one.
 *
 * <p>Thread-safety: safe for use from any thread (synchronized).
 */
public final class TokenBucket {
    private final int burst;
    private final long everyNanos;
    private final LongSupplier nanoTime;
    private double tokens;
    private long last;

    /**
     * @param burst the most tokens held (and the size of a burst admitted at once)
     * @param every one token is added per this interval
     * @param nanoTime a monotonic clock in nanoseconds ({@code System::nanoTime})
     */
    public TokenBucket(int burst, Duration every, LongSupplier nanoTime) {
        if (burst < 1 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a token bucket needs a positive burst and interval");
        }
        this.burst = burst;
        this.everyNanos = every.toNanos();
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.last = nanoTime.getAsLong();
    }

    /** Takes a token if one is there; returns whether it did. */
    public synchronized boolean tryTake() {
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (double) (now - last) / everyNanos);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
