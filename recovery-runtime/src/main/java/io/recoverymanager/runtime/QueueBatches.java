package io.recoverymanager.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * The loop of a background writer: takes what others queued, in batches, until a stop marker.
 *
 * <p>Thread-safety: stateless; {@link #drainUntil} runs on the calling (writer) thread.
 */
public final class QueueBatches {
    private QueueBatches() {}

    /**
     * Hands {@code sink} the items of {@code queue} in batches of at most {@code max}, waiting for
     * the next when it is empty, until {@code stop} is taken (the items before it are still handed
     * over) or the thread is interrupted.
     */
    public static <T> void drainUntil(BlockingQueue<T> queue, T stop, int max, Consumer<List<T>> sink) {
        List<T> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
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
}
