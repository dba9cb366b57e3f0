package io.recoverymanager.core.spi;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The serial loop that drives the engine: every input, timer and completion runs as a task on it,
 * one at a time, in submission order. The engine's state machine has no locks because of this.
 *
 * <p>The core has no thread of its own: the daemon passes a single-threaded loop (see {@code
 * EventLoops}), tests pass a virtual-time loop from the testkit.
 *
 * <p>Thread-safety: {@link #execute} and {@link #schedule} must accept calls from any thread; tasks
 * must never run concurrently with each other.
 */
public interface EventLoop extends Executor {
    /** Runs the task on the loop, after the tasks already submitted. */
    @Override
    void execute(Runnable task);

    /** Runs the task on the loop once the delay has elapsed on the loop's clock. */
    Cancellable schedule(Duration delay, Runnable task);
}
