package io.recoverymanager.dispatch.master;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-context rate limits on what a slave may send ({@code [ipc]} keys in the daemon's config). A
 * slave over a limit is throttled and logged, never disconnected for it: a throttled request is
 * answered failed ("throttled", not run, not recorded), a throttled or duplicate failure notice is
 * dropped.
 *
 * @param requestBurst requests admitted at once ({@code request-burst})
 * @param requestEvery one more request admitted per this interval ({@code 60s / requests-per-minute})
 * @param noticeBurst failure notices admitted at once ({@code notice-burst})
 * @param noticeEvery one more notice admitted per this interval ({@code 1s / notices-per-second})
 * @param noticeCoalesce a notice for the same service within this window is a duplicate and dropped
 *     ({@code notice-coalesce})
 *     <p>Thread-safety: immutable.
 */
public record FloodLimits(
        int requestBurst, Duration requestEvery, int noticeBurst, Duration noticeEvery, Duration noticeCoalesce) {
    public FloodLimits {
        Objects.requireNonNull(requestEvery, "requestEvery");
        Objects.requireNonNull(noticeEvery, "noticeEvery");
        Objects.requireNonNull(noticeCoalesce, "noticeCoalesce");
        if (requestBurst < 1 || noticeBurst < 1) {
            throw new IllegalArgumentException("flood limit bursts must be positive");
        }
        if (requestEvery.isNegative() || requestEvery.isZero() || noticeEvery.isNegative() || noticeEvery.isZero()) {
            throw new IllegalArgumentException("flood limit rates must be positive");
        }
        if (noticeCoalesce.isNegative()) {
            throw new IllegalArgumentException("notice-coalesce must not be negative");
        }
    }

    /**
     * The defaults: 10 requests at once and 10 per minute (a slave issues a system action and then
     * meditates until its next boot); 200 notices at once and 50 per second; duplicates within 1 s
     * coalesced.
     */
    public static FloodLimits defaults() {
        return new FloodLimits(10, Duration.ofSeconds(6), 200, Duration.ofMillis(20), Duration.ofSeconds(1));
    }
}
