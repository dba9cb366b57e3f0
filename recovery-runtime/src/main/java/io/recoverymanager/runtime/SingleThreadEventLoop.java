package io.recoverymanager.runtime;

import io.recoverymanager.core.spi.Cancellable;
import io.recoverymanager.core.spi.EventLoop;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link EventLoop}: one daemon thread running tasks in submission order, timers on
 * the system clock. A task that throws is logged and the loop goes on.
 *
 * <p>Thread-safety: thread-safe; tasks never run concurrently.
 */
public final class SingleThreadEventLoop implements EventLoop, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SingleThreadEventLoop.class);

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread loopThread;

    public SingleThreadEventLoop(String name) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            loopThread = thread;
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        if (executor.isShutdown()) {
            LOG.debug("loop closed; task dropped");
            return;
        }
        executor.execute(guard(task));
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        if (executor.isShutdown()) {
            return () -> {};
        }
        ScheduledFuture<?> future = executor.schedule(guard(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Whether the caller runs on this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == loopThread;
    }

    /**
     * Waits until every task submitted before this call has run (a barrier), or the timeout passed.
     * Returns whether the barrier was reached.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        execute(latch::countDown);
        return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops accepting tasks, lets the running task finish, and drops timers. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("event loop did not finish its task within 10 s");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("event loop task failed; the loop goes on", e);
            }
        };
    }
}
