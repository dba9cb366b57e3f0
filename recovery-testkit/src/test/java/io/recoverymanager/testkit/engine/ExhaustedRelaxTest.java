package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Exhausted services relax too (rvector × relax-time after the last failure), and every escalated
 * service gets its timer back at start, measured from its last failure.
 */
class ExhaustedRelaxTest {
    private static final String APP = "app.service";
    private static final Duration RELAX = Duration.ofMinutes(10);

    private final RecoveryHarness h = RecoveryHarness.create("host");

    private void install(int retries) {
        h.install(UnitBuilder.forService(APP)
                .relaxTime(RELAX)
                .action(RESTART_SERVICE, retries)
                .build());
        h.start();
    }

    @Test
    void anExhaustedServiceRelaxesAfterRvectorTimesRelaxTime() {
        install(1);
        h.fail(APP);
        h.fail(APP); // rvector 2 > ladder length 1: exhausted
        Instant lastFailure = h.clock().instant();
        assertThat(h.events(RecoveryEvent.Exhausted.class)).hasSize(1);
        assertThat(h.store().state(APP).relaxDeadline()).contains(lastFailure.plus(RELAX.multipliedBy(2)));

        h.advance(RELAX.multipliedBy(2).minusSeconds(1));
        assertThat(h.rvector(APP)).isEqualTo(2);
        h.advance(Duration.ofSeconds(1));
        assertThat(h.rvector(APP)).isZero();

        h.fail(APP); // fixed by hand, failing again: the ladder starts over
        assertThat(h.serviceManager().count("restart", APP)).isEqualTo(2);
    }

    @Test
    void anExhaustedServiceGetsItsTimerAtStartFromItsLastFailure() {
        install(1);
        h.fail(APP);
        h.fail(APP);
        h.advance(Duration.ofMinutes(15));

        h.restart(false);
        h.advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(h.rvector(APP)).isEqualTo(2);
        h.advance(Duration.ofSeconds(1));

        assertThat(h.rvector(APP)).isZero();
        assertThat(h.events(RecoveryEvent.Recovered.class)).hasSize(1);
    }

    @Test
    void aRestartKeepsTheRelaxDeadlineOfTheLastFailure() {
        install(3);
        h.fail(APP);
        h.advance(Duration.ofMinutes(8));

        h.restart(false);
        h.advance(Duration.ofMinutes(2));

        assertThat(h.rvector(APP)).isZero();
    }

    @Test
    void aDeadlinePassedWhileTheDaemonWasDownRelaxesAtOnce() {
        install(1);
        h.fail(APP);
        h.fail(APP);
        h.advance(Duration.ofHours(1));

        h.restart(false);

        assertThat(h.rvector(APP)).isZero();
    }
}
