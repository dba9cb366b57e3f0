package io.recoverymanager.systemd;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Matches systemd jobs queued by control calls with their {@code JobRemoved} signal. The signal may
 * arrive before the method reply that names the job (they travel on different dbus-java threads), so
 * results seen first are kept (bounded) until someone asks for them.
 *
 * <p>Thread-safety: thread-safe (synchronized); futures are completed outside the lock.
 */
final class JobTracker {
    static final int REMEMBERED_RESULTS = 4096;

    private final Map<String, CompletableFuture<String>> pending = new HashMap<>();
    private final LinkedHashMap<String, String> finishedUnclaimed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_RESULTS;
        }
    };

    /** A future completed with the job's result ({@code done}, {@code failed}, ...). */
    CompletableFuture<String> await(String jobPath) {
        synchronized (this) {
            String result = finishedUnclaimed.remove(jobPath);
            if (result == null) {
                return pending.computeIfAbsent(jobPath, p -> new CompletableFuture<>());
            }
            return CompletableFuture.completedFuture(result);
        }
    }

    /** Records a {@code JobRemoved}. */
    void removed(String jobPath, String result) {
        CompletableFuture<String> waiter;
        synchronized (this) {
            waiter = pending.remove(jobPath);
            if (waiter == null) {
                finishedUnclaimed.put(jobPath, result);
            }
        }
        if (waiter != null) {
            waiter.complete(result);
        }
    }

    /** Stops waiting for a job (timed out or abandoned). */
    void forget(String jobPath) {
        synchronized (this) {
            pending.remove(jobPath);
        }
    }

    /** Fails every pending wait (the connection that would report them is gone). */
    void failAll(RuntimeException cause) {
        Map<String, CompletableFuture<String>> waiting;
        synchronized (this) {
            waiting = new HashMap<>(pending);
            pending.clear();
            finishedUnclaimed.clear();
        }
        waiting.values().forEach(f -> f.completeExceptionally(cause));
    }

    /** Number of jobs being waited for. */
    synchronized int pendingCount() {
        return pending.size();
    }
}
