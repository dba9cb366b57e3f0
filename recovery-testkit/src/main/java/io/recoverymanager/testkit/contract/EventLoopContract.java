package io.recoverymanager.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.spi.Cancellable;
import io.recoverymanager.core.spi.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The documented semantics of the {@link EventLoop} port: tasks run one at a time in submission
 * order, from whichever thread submits them; a scheduled task runs once its delay has elapsed on the
 * loop's clock, and never once cancelled. Extend it with a fresh loop from {@link #newLoop()} and a
 * way to let the loop run ({@link #runUntil}): a real loop just waits, a virtual one advances time.
 *
 * <p>Thread-safety: JUnit creates one instance per test.
 */
public abstract class EventLoopContract {
    /** The bound on every wait; generous, for loaded machines. */
    protected static final Duration BOUND = Duration.ofSeconds(60);

    /** The loop under test; a fresh one per test. */
    protected EventLoop loop;

    /** A fresh loop. */
    protected abstract EventLoop newLoop();

    /**
     * Lets the loop run tasks, and time pass by at most {@code elapse} on its clock, until the
     * condition holds; fails when it does not hold within {@link #BOUND} (real time) or after the
     * elapse (virtual time).
     */
    protected abstract void runUntil(BooleanSupplier condition, Duration elapse, String what);

    @BeforeEach
    public void createLoop() {
        loop = newLoop();
    }

    @AfterEach
    public void closeLoop() throws Exception {
        if (loop instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    public void tasksRunInSubmissionOrder() {
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 200; i++) {
            int n = i;
            loop.execute(() -> ran.add(n));
        }
        runUntil(() -> ran.size() == 200, Duration.ZERO, "200 tasks ran");
        for (int i = 0; i < 200; i++) {
            assertThat(ran.get(i)).isEqualTo(i);
        }
    }

    @Test
    public void tasksSubmittedFromManyThreadsNeverRunConcurrently() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicBoolean overlapped = new AtomicBoolean();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < 250; i++) {
                    loop.execute(() -> {
                        if (running.incrementAndGet() != 1) {
                            overlapped.set(true);
                        }
                        Thread.onSpinWait();
                        running.decrementAndGet();
                        done.incrementAndGet();
                    });
                }
            });
            thread.start();
            submitters.add(thread);
        }
        go.countDown();
        for (Thread thread : submitters) {
            thread.join(TimeUnit.SECONDS.toMillis(BOUND.toSeconds()));
        }
        runUntil(() -> done.get() == 1000, Duration.ZERO, "1000 tasks ran");
        assertThat(overlapped).isFalse();
    }

    @Test
    public void aScheduledTaskRunsAfterTheTasksAlreadySubmittedOnceItsDelayElapsed() {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        // The task is submitted first: had the timer been scheduled first, a loop starved for its
        // 20 ms between the two calls would rightly run the timer first.
        loop.execute(() -> ran.add("task"));
        loop.schedule(Duration.ofMillis(20), () -> ran.add("timer"));
        runUntil(() -> ran.size() == 2, Duration.ofMillis(20), "the task and the timer ran");
        assertThat(ran).containsExactly("task", "timer");
    }

    @Test
    public void aCancelledTimerNeverRuns() {
        AtomicBoolean cancelledRan = new AtomicBoolean();
        AtomicBoolean laterRan = new AtomicBoolean();
        Cancellable timer = loop.schedule(Duration.ofMillis(10), () -> cancelledRan.set(true));
        timer.cancel();
        loop.schedule(Duration.ofMillis(50), () -> laterRan.set(true));
        runUntil(laterRan::get, Duration.ofMillis(50), "the later timer ran");
        assertThat(cancelledRan).isFalse();
    }

    @Test
    public void aTimerFarInTheFutureHasNotRunWhenTheTasksBeforeItDid() {
        AtomicBoolean timerRan = new AtomicBoolean();
        AtomicBoolean taskRan = new AtomicBoolean();
        loop.schedule(Duration.ofDays(1), () -> timerRan.set(true));
        loop.execute(() -> taskRan.set(true));
        runUntil(taskRan::get, Duration.ZERO, "the task ran");
        assertThat(timerRan).isFalse();
    }

    @Test
    public void aTaskMaySubmitAndScheduleMore() {
        List<String> ran = Collections.synchronizedList(new ArrayList<>());
        loop.execute(() -> {
            ran.add("first");
            loop.execute(() -> ran.add("submitted by first"));
            loop.schedule(Duration.ofMillis(5), () -> ran.add("scheduled by first"));
        });
        runUntil(() -> ran.size() == 3, Duration.ofMillis(5), "three tasks ran");
        assertThat(ran).containsExactly("first", "submitted by first", "scheduled by first");
    }
}
