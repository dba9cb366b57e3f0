package io.recoverymanager.systemd.crash;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Warnings about dropped crash reports, at most {@code burst} per {@code window}: a flood of forged
 * signals cannot flood the journal. What is suppressed is counted and reported with the next
 * warning that gets through.
 *
 * <p>Thread-safety: thread-safe.
 */
final class DropWarnings {
    private final Consumer<String> warn;
    private final int burst;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int inWindow;
    private long suppressed;

    /**
     * @param warn logs one warning line
     */
    DropWarnings(Consumer<String> warn, int burst, Duration window, LongSupplier nanoTime) {
        this.warn = Objects.requireNonNull(warn, "warn");
        this.burst = burst;
        this.windowNanos = window.toNanos();
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.windowStart = nanoTime.getAsLong();
    }

    /** Logs that a crash report from {@code sender} was dropped and why, unless rate-limited. */
    synchronized void dropped(String sender, String reason) {
        long now = nanoTime.getAsLong();
        if (now - windowStart >= windowNanos) {
            windowStart = now;
            inWindow = 0;
        }
        if (inWindow >= burst) {
            suppressed++;
            return;
        }
        inWindow++;
        String more = suppressed == 0 ? "" : " (" + suppressed + " more dropped reports not logged)";
        suppressed = 0;
        warn.accept("crash report from D-Bus sender " + sender + " dropped: " + reason + more);
    }

    /** Reports dropped and not logged since the last logged warning (for tests). */
    synchronized long suppressed() {
        return suppressed;
    }
}
