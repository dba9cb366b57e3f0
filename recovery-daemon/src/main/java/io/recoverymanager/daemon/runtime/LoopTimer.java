package io.recoverymanager.daemon.runtime;

import io.recoverymanager.core.spi.EventLoop;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Runs a task on the engine's loop at a fixed interval until the daemon stops: the watchdog ping
 * (a stuck loop stops the pings, and systemd restarts the daemon) and the write-back of a degraded
 * store. Each run schedules the next, so runs never overlap and never queue up behind a busy loop.
 *
 * <p>Thread-safety: {@link #start} may be called from any thread; the task runs on the loop.
 */
public final class LoopTimer {
    private final EventLoop loop;
    private final Duration interval;
    private final BooleanSupplier stopped;
    private final Runnable task;

    private LoopTimer(EventLoop loop, Duration interval, BooleanSupplier stopped, Runnable task) {
        this.loop = Objects.requireNonNull(loop, "loop");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.stopped = Objects.requireNonNull(stopped, "stopped");
        this.task = Objects.requireNonNull(task, "task");
    }

    /**
     * Runs {@code task} on {@code loop} every {@code interval}, the first time one interval from
     * now, until {@code stopped} is true.
     */
    public static void start(EventLoop loop, Duration interval, BooleanSupplier stopped, Runnable task) {
        new LoopTimer(loop, interval, stopped, task).next();
    }

    private void next() {
        loop.schedule(interval, () -> {
            if (!stopped.getAsBoolean()) {
                task.run();
                next();
            }
        });
    }
}
