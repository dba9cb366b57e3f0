package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.FACTORY_RESET;
import static io.recoverymanager.core.unit.ActionType.RESTART_CONTEXT;
import static io.recoverymanager.core.unit.ActionType.RESTART_PLATFORM;
import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static io.recoverymanager.testkit.RecoveryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import org.junit.jupiter.api.Test;

/** Behaviour 6: system-level actions are forwarded by slaves and put the engine in meditation. */
class MeditationTest {
    private static final String APP = "app.service";
    private static final String OTHER = "other.service";

    private static void install(RecoveryHarness h) {
        h.install(
                UnitBuilder.forService(APP)
                        .action(RESTART_SERVICE)
                        .action(RESTART_PLATFORM)
                        .action(FACTORY_RESET)
                        .build(),
                UnitBuilder.forService(OTHER).action(RESTART_SERVICE, 3).build());
        h.start();
    }

    @Test
    void aSlaveForwardsSystemActionsAndThenMeditates() {
        RecoveryHarness slave = RecoveryHarness.createSlave("container1");
        install(slave);

        slave.fail(APP);
        slave.fail(APP);

        assertThat(slave)
                .hasActionsFor(APP, RESTART_SERVICE, RESTART_PLATFORM)
                .containsKindsInOrder("failure", "forwarded", "meditation");
        assertThat(slave.systemActions().requests()).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(RESTART_PLATFORM);
            assertThat(r.context()).isEqualTo("container1");
            assertThat(r.service()).isEqualTo(APP);
        });
    }

    @Test
    void aMeditatingEngineCountsFailuresButIssuesNothing() {
        RecoveryHarness master = RecoveryHarness.create("host");
        install(master);
        master.fail(APP);
        master.fail(APP); // restart-platform: meditation
        master.clearEvents();

        master.fail(OTHER);
        master.fail(APP);

        assertThat(master).hasNoActions().hasKinds("failure", "suppressed", "failure", "suppressed");
        assertThat(master.rvector(OTHER)).isEqualTo(1);
        assertThat(master.rvector(APP)).isEqualTo(3);
        assertThat(master.serviceManager().count("restart", OTHER)).isZero();
        assertThat(master.systemActions().requests()).hasSize(1);
    }

    @Test
    void aMasterExecutesTheSystemActionItself() {
        RecoveryHarness master = RecoveryHarness.create("host");
        install(master);

        master.fail(APP);
        master.fail(APP);

        assertThat(master.events(RecoveryEvent.ActionForwarded.class)).isEmpty();
        assertThat(master.events(RecoveryEvent.ActionIssued.class))
                .extracting(RecoveryEvent.ActionIssued::type)
                .containsExactly(RESTART_SERVICE, RESTART_PLATFORM);
        assertThat(master.store().meditation("host")).isPresent();
    }

    @Test
    void meditationLastsAcrossADaemonRestartInTheSameBoot() {
        RecoveryHarness master = RecoveryHarness.create("host");
        install(master);
        master.fail(APP);
        master.fail(APP);

        master.restart(false);
        master.clearEvents();
        master.fail(OTHER);

        assertThat(master).hasNoActions().hasKinds("failure", "suppressed");
    }

    @Test
    void meditationEndsWithANewBoot() {
        RecoveryHarness master = RecoveryHarness.create("host");
        install(master);
        master.fail(APP);
        master.fail(APP);

        master.restart(true);
        master.clearEvents();
        master.fail(OTHER);

        assertThat(master).hasActionsFor(OTHER, RESTART_SERVICE);
        assertThat(master.store().meditation("host")).isEmpty();
    }

    @Test
    void restartContextIsSystemLevelToo() {
        RecoveryHarness slave = RecoveryHarness.createSlave("container1");
        slave.install(UnitBuilder.forService(APP).action(RESTART_CONTEXT).build());
        slave.start();

        slave.fail(APP);

        assertThat(slave.events(RecoveryEvent.ActionForwarded.class)).hasSize(1);
        assertThat(slave.events(RecoveryEvent.MeditationEntered.class)).hasSize(1);
    }

    @Test
    void theForwardedRequestIdIsStableForTheSameFailure() {
        RecoveryHarness a = RecoveryHarness.createSlave("container1");
        RecoveryHarness b = RecoveryHarness.createSlave("container1");
        for (RecoveryHarness h : new RecoveryHarness[] {a, b}) {
            h.install(UnitBuilder.forService(APP).action(RESTART_PLATFORM).build());
            h.start();
            h.fail(APP);
        }
        assertThat(a.systemActions().requests().get(0).requestId())
                .isEqualTo(b.systemActions().requests().get(0).requestId());
    }
}
