package io.recoverymanager.testkit.contract;

import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.spi.ServiceObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A {@link ServiceObserver} that records every call and lets tests wait (bounded, without sleeping)
 * for what they expect.
 *
 * <p>Thread-safety: thread-safe; calls may come from any thread.
 */
public final class RecordingServiceObserver implements ServiceObserver {
    private final List<ServiceFailure> failures = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();

    @Override
    public synchronized void serviceFailed(ServiceFailure failure) {
        failures.add(failure);
        notifyAll();
    }

    @Override
    public synchronized void serviceAdded(String service) {
        added.add(service);
        notifyAll();
    }

    @Override
    public synchronized void serviceRemoved(String service) {
        removed.add(service);
        notifyAll();
    }

    /** Every failure reported so far, in order. */
    public synchronized List<ServiceFailure> failures() {
        return List.copyOf(failures);
    }

    /** The failures reported for one service, in order. */
    public synchronized List<ServiceFailure> failuresOf(String service) {
        return failures.stream().filter(f -> f.service().equals(service)).toList();
    }

    /** Every {@code serviceAdded} so far. */
    public synchronized List<String> added() {
        return List.copyOf(added);
    }

    /** Every {@code serviceRemoved} so far. */
    public synchronized List<String> removed() {
        return List.copyOf(removed);
    }

    /**
     * Waits until {@code count} failures of the service were reported and returns the last of them.
     *
     * @throws AssertionError naming what was seen, when they do not come in time
     */
    public ServiceFailure awaitFailures(String service, int count, Duration timeout) {
        List<ServiceFailure> seen = awaitList(
                () -> failuresOf(service),
                l -> l.size() >= count,
                timeout,
                () -> count + " failure(s) of " + service + "; all failures so far: " + failures());
        return seen.get(count - 1);
    }

    /** Waits until {@code serviceAdded(service)} was reported. */
    public void awaitAdded(String service, Duration timeout) {
        awaitList(
                this::added,
                l -> l.contains(service),
                timeout,
                () -> "serviceAdded(" + service + "); added so far: " + added());
    }

    private synchronized <T> T awaitList(
            java.util.function.Supplier<T> read,
            Predicate<T> done,
            Duration timeout,
            java.util.function.Supplier<String> expected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = read.get();
            if (done.test(value)) {
                return value;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + expected.get());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + expected.get(), e);
            }
        }
    }
}
