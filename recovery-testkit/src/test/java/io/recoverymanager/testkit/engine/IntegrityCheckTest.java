package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static io.recoverymanager.testkit.RecoveryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.testkit.FakeServiceManager;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Behaviour 8: services with check-start must be up when the integrity check runs; one that is not
 * is started once, without counting (issue 14.3).
 */
class IntegrityCheckTest {

    private final RecoveryHarness harness = RecoveryHarness.create("host").integrityCheckDelay(Duration.ofSeconds(30));

    @Test
    void aCheckStartServiceThatIsNotUpIsStartedOnceWithoutCounting() {
        harness.serviceManager().register("up.service");
        harness.serviceManager().register("down.service").deactivate("down.service");
        harness.install(
                UnitBuilder.forService("up.service")
                        .checkStart(true)
                        .action(RESTART_SERVICE)
                        .build(),
                UnitBuilder.forService("down.service")
                        .checkStart(true)
                        .action(RESTART_SERVICE)
                        .build(),
                UnitBuilder.forService("lazy.service").action(RESTART_SERVICE).build());
        harness.start();

        harness.advance(Duration.ofSeconds(29));
        assertThat(harness.serviceManager().count("start", "down.service")).isZero();

        harness.advance(Duration.ofSeconds(1));
        assertThat(harness.events(RecoveryEvent.FailureObserved.class)).isEmpty();
        assertThat(harness.rvector("down.service")).isZero();
        assertThat(harness.serviceManager().count("start", "down.service")).isEqualTo(1);
        assertThat(harness.serviceManager().count("start", "up.service")).isZero();
        assertThat(harness.serviceManager().activeState("down.service")).isEqualTo("active");
        assertThat(harness.events(RecoveryEvent.CheckStarted.class))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.service()).isEqualTo("down.service");
                    assertThat(c.kind()).isEqualTo("check-start");
                    assertThat(c.rvector()).isZero();
                });
        assertThat(harness).hasActionsFor("down.service");
        assertThat(harness.serviceManager().count("status", "lazy.service")).isZero();
    }

    @Test
    void whenTheCheckStartFailsSystemdsFailureIsCountedAsUsual() {
        harness.serviceManager().register("down.service").deactivate("down.service");
        harness.serviceManager().onStart("down.service", FakeServiceManager.OnStart.FAIL_AGAIN);
        harness.install(UnitBuilder.forService("down.service")
                .checkStart(true)
                .action(RESTART_SERVICE, 5)
                .build());
        harness.start();

        harness.advance(Duration.ofSeconds(30));

        assertThat(harness.serviceManager().count("start", "down.service")).isEqualTo(1);
        // the started service fails (and fails again at every restart): systemd's failures count
        assertThat(harness.events(RecoveryEvent.FailureObserved.class)).first().satisfies(f -> {
            assertThat(f.result()).isEqualTo("exit-code");
            assertThat(f.rvector()).isEqualTo(1);
        });
        assertThat(harness.events(RecoveryEvent.ActionIssued.class)).first().satisfies(a -> assertThat(a.type())
                .isEqualTo(RESTART_SERVICE));
        assertThat(harness.rvector("down.service")).isPositive();
    }

    @Test
    void aStartSystemdRefusesCountsAFailureNamingTheReason() {
        harness.serviceManager().register("down.service").deactivate("down.service");
        harness.serviceManager().onStart("down.service", FakeServiceManager.OnStart.REFUSE);
        harness.install(UnitBuilder.forService("down.service")
                .checkStart(true)
                .action(RESTART_SERVICE, 5)
                .build());
        harness.start();

        harness.advance(Duration.ofSeconds(30));

        assertThat(harness.events(RecoveryEvent.FailureObserved.class))
                .singleElement()
                .satisfies(f -> assertThat(f.result()).startsWith("check-start").contains("refused"));
        assertThat(harness.rvector("down.service")).isEqualTo(1);
    }

    @Test
    void everyDaemonStartChecksAgainAndNeverCounts() {
        harness.install(UnitBuilder.forService("down.service")
                .checkStart(true)
                .action(RESTART_SERVICE, 5)
                .build());
        harness.start();
        harness.advance(Duration.ofSeconds(30));
        harness.serviceManager().deactivate("down.service");

        harness.restart(false);
        harness.advance(Duration.ofSeconds(30));

        // every start of the daemon checks again; none of the starts counts
        assertThat(harness.events(RecoveryEvent.CheckStarted.class)).hasSize(2);
        assertThat(harness.rvector("down.service")).isZero();
    }
}
