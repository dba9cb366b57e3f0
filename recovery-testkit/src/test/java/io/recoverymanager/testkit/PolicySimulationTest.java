package io.recoverymanager.testkit;

import static io.recoverymanager.core.unit.ActionType.RESET_PUBLIC_DATA;
import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicySimulationTest {

    @Test
    void theTimelineShowsEachFailureItsDecisionAndTheFinalRecovery() {
        var unit = UnitBuilder.forService("echo.service")
                .relaxTime(Duration.ofSeconds(60))
                .publicData("/var/lib/echo/public")
                .action(RESTART_SERVICE, 3)
                .action(RESET_PUBLIC_DATA)
                .build();

        List<PolicySimulation.Step> steps = new PolicySimulation(unit, 4, Duration.ofSeconds(10)).run();

        assertThat(steps)
                .filteredOn(s -> s.event() instanceof RecoveryEvent.ActionIssued)
                .extracting(s -> s.event().action() + "@" + s.atSeconds())
                .containsExactly(
                        "restart-service@0.0",
                        "restart-service@10.0",
                        "restart-service@20.0",
                        "reset-public-data@30.0");
        PolicySimulation.Step last = steps.get(steps.size() - 1);
        assertThat(last.event()).isInstanceOf(RecoveryEvent.Recovered.class);
        assertThat(last.atSeconds()).isEqualTo(30.0 + 4 * 60);
    }

    @Test
    void aTemplateIsSimulatedOnAnInstance() {
        var unit =
                UnitBuilder.forService("getty@.service").action(RESTART_SERVICE).build();

        var simulation = new PolicySimulation(unit, 1, Duration.ZERO);

        assertThat(simulation.service()).isEqualTo("getty@simulated.service");
        assertThat(simulation.run()).extracting(s -> s.event().service()).containsOnly("getty@simulated.service");
    }
}
