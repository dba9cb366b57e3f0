package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.DISABLE_SERVICE;
import static io.recoverymanager.core.unit.ActionType.FACTORY_RESET;
import static io.recoverymanager.core.unit.ActionType.RESTART_CONTEXT;
import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static io.recoverymanager.testkit.RecoveryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import org.junit.jupiter.api.Test;

/**
 * Meditation begins only once a system action was accepted by whoever runs it; a refused one is
 * recorded and the ladder goes on.
 */
class MeditationOnAcceptanceTest {
    private static final String APP = "app.service";
    private static final String OTHER = "other.service";

    private static void install(RecoveryHarness h) {
        h.install(
                UnitBuilder.forService(APP)
                        .action(RESTART_SERVICE)
                        .action(FACTORY_RESET)
                        .action(DISABLE_SERVICE)
                        .build(),
                UnitBuilder.forService(OTHER).action(RESTART_SERVICE, 3).build());
        h.start();
    }

    @Test
    void aRefusedSystemActionDoesNotSilenceTheEngine() {
        RecoveryHarness h = RecoveryHarness.create("host");
        install(h);
        h.systemActions().reportOutcome(ActionOutcome.failed("no factory-reset command configured"));
        h.fail(APP);
        h.fail(APP); // factory-reset, refused

        h.fail(APP);
        h.fail(OTHER);

        assertThat(h.store().meditation("host")).isEmpty();
        assertThat(h.events(RecoveryEvent.MeditationEntered.class)).isEmpty();
        assertThat(h.events(RecoveryEvent.ActionSuppressed.class)).isEmpty();
        assertThat(h).hasActionsFor(APP, RESTART_SERVICE, FACTORY_RESET, DISABLE_SERVICE);
        assertThat(h.serviceManager().count("restart", OTHER)).isEqualTo(1);
        assertThat(h.events(RecoveryEvent.ActionCompleted.class))
                .filteredOn(c -> c.type() == FACTORY_RESET)
                .singleElement()
                .satisfies(c -> assertThat(c.success()).isFalse());
    }

    @Test
    void noMeditationWhileTheOutcomeIsUnknown() {
        RecoveryHarness slave = RecoveryHarness.createSlave("container1");
        install(slave);
        slave.systemActions().withholdOutcomes();
        slave.fail(APP);
        slave.fail(APP);

        slave.fail(OTHER);

        assertThat(slave.store().meditation("container1")).isEmpty();
        assertThat(slave.serviceManager().count("restart", OTHER)).isEqualTo(1);
    }

    @Test
    void anAcceptedSystemActionMeditatesAfterItsOutcome() {
        RecoveryHarness slave = RecoveryHarness.createSlave("container1");
        slave.install(UnitBuilder.forService(APP).action(RESTART_CONTEXT).build());
        slave.start();

        slave.fail(APP);

        assertThat(slave).containsKindsInOrder("forwarded", "action-done", "meditation");
        assertThat(slave.store().meditation("container1")).isPresent();
    }
}
