package io.recoverymanager.runtime;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.spi.RecoveryListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands engine events to a listener on a thread of its own, in order, so what that listener does
 * (formatting and writing log lines) stays off the engine's loop and with it off the failure path:
 * the loop only queues, and the thread lingers a little after the first event of a burst, so it
 * delivers the burst after the action has gone out. For listeners whose work may lag the event, such as the event log (its
 * records carry the event's own time); never for one that must finish before the engine goes on
 * (the history of destructive actions, crash points).
 *
 * <p>When the queue is full the event is delivered on the caller's thread instead (nothing is
 * dropped). {@link #close()} delivers what is queued, then stops the thread.
 *
 * <p>Thread-safety: {@link #onEvent} may be called from any thread; the wrapped listener is called
 * from one thread at a time, in the order of the events.
 */
public final class OffLoopListener implements RecoveryListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OffLoopListener.class);
    private static final int CAPACITY = 100_000;
    private static final Object STOP = new Object();
    /** How long the thread waits for the rest of a burst before it delivers (see {@link QueueBatches}). */
    private static final Duration LINGER = Duration.ofMillis(25);

    private final RecoveryListener delegate;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final Object deliveryLock = new Object();
    private final Thread thread;

    /**
     * @param delegate the listener to call off the loop
     * @param name the delivering thread's name
     */
    public OffLoopListener(RecoveryListener delegate, String name) {
        this.delegate = delegate;
        this.thread = new Thread(this::deliverLoop, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void onEvent(RecoveryEvent event) {
        if (!queue.offer(event)) {
            deliver(List.of(event));
        }
    }

    private void deliverLoop() {
        QueueBatches.drainUntil(queue, STOP, 1000, LINGER, event -> false, this::deliver);
    }

    private void deliver(List<?> events) {
        synchronized (deliveryLock) {
            for (Object event : events) {
                try {
                    delegate.onEvent((RecoveryEvent) event);
                } catch (RuntimeException e) {
                    LOG.warn(
                            "listener {} failed on an event",
                            delegate.getClass().getSimpleName(),
                            e);
                }
            }
        }
    }

    /** Delivers what is queued, then stops the thread (waits at most 10 s). */
    @Override
    public void close() {
        try {
            queue.put(STOP);
            QueueBatches.hurry(thread);
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
