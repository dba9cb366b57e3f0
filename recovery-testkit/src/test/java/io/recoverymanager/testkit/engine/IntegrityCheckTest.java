package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static io.recoverymanager.testkit.RecoveryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Behaviour 8: services with check-start must be up when the integrity check runs. */
class IntegrityCheckTest {

    private final RecoveryHarness harness = RecoveryHarness.create("host").integrityCheckDelay(Duration.ofSeconds(30));

    @Test
    void aCheckStartServiceThatIsNotActiveCountsAsAFailure() {
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
        assertThat(harness.events(RecoveryEvent.FailureObserved.class)).isEmpty();

        harness.advance(Duration.ofSeconds(1));
        assertThat(harness.events(RecoveryEvent.FailureObserved.class))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.service()).isEqualTo("down.service");
                    assertThat(f.result()).isEqualTo("check-start");
                });
        assertThat(harness).hasActionsFor("down.service", RESTART_SERVICE);
        assertThat(harness.serviceManager().count("status", "lazy.service")).isZero();
    }

    @Test
    void theIntegrityCheckCountsOncePerBoot() {
        harness.install(UnitBuilder.forService("down.service")
                .checkStart(true)
                .action(RESTART_SERVICE, 5)
                .build());
        harness.start();
        harness.advance(Duration.ofSeconds(30));
        harness.serviceManager().deactivate("down.service");

        harness.restart(false);
        harness.advance(Duration.ofSeconds(30));

        assertThat(harness.rvector("down.service")).isEqualTo(1);
    }
}
