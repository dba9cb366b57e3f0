package io.recoverymanager.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The loop of a background writer: takes what others queued, in batches, until a stop marker.
 *
 * <p>A writer may <em>linger</em>: once the first item of a quiet spell arrives it waits a little
 * before it drains, so the items of one burst (the events of a failure and its action, the failures
 * of a storm) make one batch, and the writer's work (formatting, a database commit) runs after the
 * failure path rather than beside it on a small machine's few cores. Producers that cannot wait, for
 * an urgent item or the stop marker, call {@link #hurry} after queueing it.
 *
 * <p>Thread-safety: stateless; {@link #drainUntil} runs on the calling (writer) thread.
 */
public final class QueueBatches {
    private QueueBatches() {}

    /**
     * Hands {@code sink} the items of {@code queue} in batches of at most {@code max}, waiting for
     * the next when it is empty, until {@code stop} is taken (the items before it are still handed
     * over) or the thread is interrupted. After the first item of a batch it lingers up to {@code
     * linger} for more, unless that item, or one queued meanwhile, is {@code stop} or {@code urgent}.
     */
    public static <T> void drainUntil(
            BlockingQueue<T> queue, T stop, int max, Duration linger, Predicate<T> urgent, Consumer<List<T>> sink) {
        List<T> batch = new ArrayList<>();
        while (true) {
            try {
                T first = queue.take();
                batch.add(first);
                if (first != stop && !urgent.test(first)) {
                    linger(queue, stop, linger, urgent);
                }
                queue.drainTo(batch, max - 1);
                int at = batch.indexOf(stop);
                sink.accept(at < 0 ? batch : batch.subList(0, at));
                if (at >= 0) {
                    return;
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Wakes {@code writer} from its linger: call after queueing an urgent item or the stop marker. */
    public static void hurry(Thread writer) {
        LockSupport.unpark(writer);
    }

    private static <T> void linger(BlockingQueue<T> queue, T stop, Duration linger, Predicate<T> urgent) {
        long deadline = System.nanoTime() + linger.toNanos();
        long left;
        // A hurry() between the check and the park leaves a permit: the park then returns at once.
        while ((left = deadline - System.nanoTime()) > 0
                && queue.stream().noneMatch(item -> item == stop || urgent.test(item))) {
            LockSupport.parkNanos(queue, left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
