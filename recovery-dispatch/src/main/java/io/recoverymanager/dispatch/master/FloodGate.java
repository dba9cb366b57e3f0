package io.recoverymanager.dispatch.master;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One connection's flood limits: a token bucket for requests, one for failure notices, and the
 * coalescing of duplicate notices (same service within the window). Also paces the log lines about
 * what was dropped (at most one per second per connection).
 *
 * <p>Thread-safety: safe for use from any thread (synchronized; the buckets are too).
 */
final class FloodGate {
    /** What to do with a notice. */
    enum Verdict {
        PASS,
        DUPLICATE,
        RATE
    }

    private static final int MAX_REMEMBERED_SERVICES = 1024;
    private static final long REPORT_EVERY_NANOS = 1_000_000_000L;

    private final TokenBucket requests;
    private final TokenBucket notices;
    private final long coalesceNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> lastNotice = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > MAX_REMEMBERED_SERVICES;
        }
    };
    private long dropped;
    private long lastReport;
    private boolean reportedOnce;

    FloodGate(FloodLimits limits, LongSupplier nanoTime) {
        this.requests = new TokenBucket(limits.requestBurst(), limits.requestEvery(), nanoTime);
        this.notices = new TokenBucket(limits.noticeBurst(), limits.noticeEvery(), nanoTime);
        this.coalesceNanos = limits.noticeCoalesce().toNanos();
        this.nanoTime = nanoTime;
    }

    /** Whether a new request may run now. */
    boolean request() {
        return requests.tryTake();
    }

    /** Whether a failure notice of {@code service} passes. */
    synchronized Verdict notice(String service) {
        long now = nanoTime.getAsLong();
        Long last = lastNotice.get(service);
        if (last != null && now - last < coalesceNanos) {
            return Verdict.DUPLICATE;
        }
        if (!notices.tryTake()) {
            return Verdict.RATE;
        }
        lastNotice.put(service, now);
        return Verdict.PASS;
    }

    /**
     * Counts one dropped notice; returns how many were dropped since the last report when a report is
     * due now (the first drop, then at most once a second), else 0.
     */
    synchronized long droppedSinceLastReport(Verdict verdict) {
        dropped++;
        long now = nanoTime.getAsLong();
        if (!reportedOnce || now - lastReport >= REPORT_EVERY_NANOS) {
            reportedOnce = true;
            lastReport = now;
            long n = dropped;
            dropped = 0;
            return n;
        }
        return 0;
    }
}
