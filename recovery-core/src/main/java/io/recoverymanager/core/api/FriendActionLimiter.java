package io.recoverymanager.core.api;

import io.recoverymanager.core.unit.Friend;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Rate-limits friend actions per (service, friend): a token bucket of {@code burst} actions that
 * gains one every {@code every}. Failures elsewhere arrive from other contexts (slaves are not
 * trusted); without a limit, a flood of notices about one friend would restart or signal the
 * service as fast as they arrive.
 *
 * <p>Keys are the service and the friend as configured (type, name, context), never names taken
 * from the wire, so the map is bounded by the units in force. Time comes from the engine's clock.
 *
 * <p>Thread-safety: not thread-safe; used on the engine's loop only.
 */
final class FriendActionLimiter {
    /** Three actions at once, then one per 10 s, per (service, friend). */
    static final FriendActionLimiter DEFAULTS = new FriendActionLimiter(3, Duration.ofSeconds(10));

    private record Key(String service, Friend.FriendType type, String name, String context) {}

    private static final class Bucket {
        double tokens;
        Instant last;

        Bucket(double tokens, Instant last) {
            this.tokens = tokens;
            this.last = last;
        }
    }

    private final int burst;
    private final Duration every;
    private final Map<Key, Bucket> buckets = new HashMap<>();

    FriendActionLimiter(int burst, Duration every) {
        if (burst < 1 || every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("friend action limit needs a positive burst and interval");
        }
        this.burst = burst;
        this.every = Objects.requireNonNull(every, "every");
    }

    /** A fresh limiter with the same limits (each engine has its own state). */
    FriendActionLimiter fresh() {
        return new FriendActionLimiter(burst, every);
    }

    /** Whether the friend action on {@code service} may run at {@code now}; takes a token if so. */
    boolean tryAcquire(String service, Friend friend, Instant now) {
        Key key =
                new Key(service, friend.type(), friend.name(), friend.context().orElse(""));
        Bucket b = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        double gained = (double) Duration.between(b.last, now).toNanos() / every.toNanos();
        b.tokens = Math.min(burst, b.tokens + Math.max(0, gained));
        b.last = now;
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        return false;
    }
}
