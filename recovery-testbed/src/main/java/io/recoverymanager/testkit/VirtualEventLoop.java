package io.recoverymanager.testkit;

import io.recoverymanager.core.spi.Cancellable;
import io.recoverymanager.core.spi.EventLoop;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * An {@link EventLoop} on virtual time: submitted tasks run when the test calls {@link
 * #runPending()} or {@link #advance(Duration)}, scheduled tasks run when the {@link ManualClock}
 * reaches their deadline. Nothing ever sleeps, so a test of a one-hour relax timer takes
 * microseconds and gives the same result every time.
 *
 * <p>Thread-safety: tasks may be submitted from any thread; they run on the thread that calls
 * {@code runPending} or {@code advance}, one at a time.
 */
public final class VirtualEventLoop implements EventLoop {
    private final ManualClock clock;
    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long sequence;
    private boolean running;

    public VirtualEventLoop(ManualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The clock this loop's timers follow. */
    public ManualClock clock() {
        return clock;
    }

    @Override
    public synchronized void execute(Runnable task) {
        ready.add(Objects.requireNonNull(task, "task"));
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Timer timer = new Timer(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, task);
        timers.add(timer);
        return () -> {
            synchronized (VirtualEventLoop.this) {
                timer.cancelled = true;
            }
        };
    }

    /** Runs submitted tasks, and timers already due, until none is left. Returns how many ran. */
    public int runPending() {
        int count = 0;
        while (true) {
            Runnable next;
            synchronized (this) {
                if (running) {
                    return count; // re-entrant call from a task: the outer call drains
                }
                next = ready.poll();
                if (next == null) {
                    Timer due = timers.peek();
                    if (due != null && !due.at.isAfter(clock.instant())) {
                        timers.poll();
                        if (due.cancelled) {
                            continue;
                        }
                        next = due.task;
                    }
                }
                if (next == null) {
                    return count;
                }
                running = true;
            }
            try {
                next.run();
                count++;
            } finally {
                synchronized (this) {
                    running = false;
                }
            }
        }
    }

    /**
     * Moves virtual time forward by {@code duration}, running every timer in deadline order at its
     * own instant (the clock shows each timer's deadline while it runs), then the tasks they submit.
     */
    public void advance(Duration duration) {
        Instant target = clock.instant().plus(duration);
        runPending();
        while (true) {
            Timer next;
            synchronized (this) {
                next = timers.peek();
                while (next != null && next.cancelled) {
                    timers.poll();
                    next = timers.peek();
                }
                if (next == null || next.at.isAfter(target)) {
                    break;
                }
            }
            clock.setTo(next.at);
            runPending();
        }
        clock.setTo(target);
        runPending();
    }

    /** How many timers are armed and not cancelled. */
    public synchronized int armedTimers() {
        return (int) timers.stream().filter(t -> !t.cancelled).count();
    }

    private static final class Timer implements Comparable<Timer> {
        final Instant at;
        final long seq;
        final Runnable task;
        boolean cancelled;

        Timer(Instant at, long seq, Runnable task) {
            this.at = at;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = at.compareTo(other.at);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }
}
