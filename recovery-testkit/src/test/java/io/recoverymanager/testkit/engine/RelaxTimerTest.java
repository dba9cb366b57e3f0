package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static io.recoverymanager.testkit.RecoveryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviours 4 and 9: the relax timer of rvector × relax-time, reset actions, rearm at start. */
class RelaxTimerTest {
    private static final String ECHO = "echo.service";
    private static final Duration RELAX = Duration.ofSeconds(60);

    private final RecoveryHarness harness = RecoveryHarness.create("host");

    @BeforeEach
    void install() {
        harness.install(UnitBuilder.forService(ECHO)
                .relaxTime(RELAX)
                .action(RESTART_SERVICE, 5)
                .build());
    }

    @Test
    void theServiceRecoversAfterRvectorTimesRelaxTimeWithoutFailure() {
        harness.start();
        harness.fail(ECHO);
        harness.fail(ECHO);
        Instant secondFailure = harness.clock().instant();

        harness.advance(RELAX.multipliedBy(2).minusMillis(1));
        assertThat(harness).hasNotRecovered(ECHO);
        assertThat(harness.rvector(ECHO)).isEqualTo(2);

        harness.advance(Duration.ofMillis(1));
        assertThat(harness).hasRecovered(ECHO);
        assertThat(harness.rvector(ECHO)).isZero();
        assertThat(harness.events(RecoveryEvent.Recovered.class))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.at()).isEqualTo(secondFailure.plus(RELAX.multipliedBy(2)));
                    assertThat(r.rvector()).isEqualTo(2);
                });
    }

    @Test
    void aNewFailureSupersedesTheRunningTimer() {
        harness.start();
        harness.fail(ECHO);
        harness.advance(Duration.ofSeconds(50));
        harness.fail(ECHO); // rvector 2: timer of 120 s from now replaces the first one

        harness.advance(Duration.ofSeconds(60));
        assertThat(harness).hasNotRecovered(ECHO);
        assertThat(harness.loop().armedTimers()).isEqualTo(1); // only the newer relax timer

        harness.advance(Duration.ofSeconds(60));
        assertThat(harness).hasRecovered(ECHO);
        assertThat(harness.events(RecoveryEvent.Recovered.class)).hasSize(1);
    }

    @Test
    void theRelaxDeadlineIsStored() {
        harness.start();
        harness.fail(ECHO);

        assertThat(harness.store().state(ECHO).relaxDeadline())
                .contains(harness.clock().instant().plus(RELAX));
    }

    @Test
    void anActionWithResetReturnsTheRvectorToZeroAtOnceWithoutTimer() {
        RecoveryHarness h = RecoveryHarness.create("host");
        h.install(
                UnitBuilder.forService(ECHO).resettingAction(RESTART_SERVICE, 2).build());
        h.start();

        h.fail(ECHO);
        h.fail(ECHO);
        h.fail(ECHO);

        assertThat(h.rvector(ECHO)).isZero();
        assertThat(h).failureRvectorsOf(ECHO).containsExactly(1, 1, 1);
        assertThat(h.events(RecoveryEvent.RelaxArmed.class)).isEmpty();
        assertThat(h.serviceManager().count("restart", ECHO)).isEqualTo(3);
    }

    @Test
    void onStartEveryEscalatedServiceGetsItsTimerBackMeasuredFromTheLastFailure() {
        harness.start();
        harness.fail(ECHO);
        harness.fail(ECHO);
        harness.fail(ECHO);
        harness.advance(Duration.ofSeconds(170)); // 10 s before the 180 s timer would fire

        harness.restart(false);
        harness.clearEvents();
        harness.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThat(harness).hasNotRecovered(ECHO);

        harness.advance(Duration.ofMillis(1)); // rvector × relax-time after the last failure
        assertThat(harness).hasRecovered(ECHO);
        assertThat(harness.rvector(ECHO)).isZero();
    }

    @Test
    void escalationSurvivesAnEngineRestart() {
        harness.start();
        harness.fail(ECHO);
        harness.fail(ECHO);

        harness.restart(false);
        harness.fail(ECHO);

        assertThat(harness).failureRvectorsOf(ECHO).containsExactly(1, 2, 3);
    }
}
