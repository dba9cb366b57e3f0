package io.recoverymanager.daemon.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.VirtualEventLoop;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The watchdog and store write-back timer, on virtual time. */
class LoopTimerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    @Test
    void runsOnceEveryIntervalFromOneIntervalAfterStart() {
        VirtualEventLoop loop = new VirtualEventLoop(new ManualClock());
        AtomicInteger runs = new AtomicInteger();
        LoopTimer.start(loop, INTERVAL, () -> false, runs::incrementAndGet);

        loop.advance(INTERVAL.minusMillis(1));
        assertThat(runs).hasValue(0);
        loop.advance(Duration.ofMillis(1));
        assertThat(runs).hasValue(1);
        loop.advance(INTERVAL.multipliedBy(3));
        assertThat(runs).hasValue(4);
        assertThat(loop.armedTimers()).isEqualTo(1);
    }

    @Test
    void aStoppedDaemonsTimerRunsNoMoreAndArmsNothing() {
        VirtualEventLoop loop = new VirtualEventLoop(new ManualClock());
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        LoopTimer.start(loop, INTERVAL, stopped::get, runs::incrementAndGet);
        loop.advance(INTERVAL);

        stopped.set(true);
        loop.advance(INTERVAL.multipliedBy(10));

        assertThat(runs).hasValue(1);
        assertThat(loop.armedTimers()).isZero();
    }
}
