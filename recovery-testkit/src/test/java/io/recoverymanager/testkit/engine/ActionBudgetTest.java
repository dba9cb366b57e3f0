package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.FACTORY_RESET;
import static io.recoverymanager.core.unit.ActionType.RESTART_PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.budget.BudgetLedger;
import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.core.model.ServiceFailure;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The destructive-action budget (issue 14.5) on virtual time: a reboot loop of restart-platform is
 * held after the budget (3 per hour by default) is spent, across reboots, and runs again once the
 * window has passed; a unit's {@code [budget]} overrides the instance's; a slave does not count
 * what it forwards (the master that runs it does).
 */
class ActionBudgetTest {
    private static final String APP = "app.service";

    private final RecoveryHarness harness = RecoveryHarness.create("host");

    private int boots;

    /**
     * One boot: the service fails once (with an invocation id of this boot, as systemd gives), then
     * the platform "reboots" a minute later.
     */
    private void failThenReboot() {
        failThenReboot(harness);
    }

    private void failThenReboot(RecoveryHarness h) {
        h.engine()
                .serviceFailed(new ServiceFailure(
                        APP,
                        "exit-code",
                        OptionalInt.of(1),
                        "invocation-of-boot-" + (++boots),
                        h.clock().instant()));
        h.advance(Duration.ofMinutes(1));
        h.restart(true);
    }

    @Test
    void aRebootLoopIsHeldAfterThreePlatformRestartsInAnHour() {
        harness.install(UnitBuilder.forService(APP)
                .relaxTime(Duration.ofHours(1))
                .action(RESTART_PLATFORM, 100)
                .build());
        harness.start();

        for (int boot = 0; boot < 4; boot++) {
            failThenReboot();
        }

        assertThat(platformRestarts()).isEqualTo(3);
        assertThat(harness.events(RecoveryEvent.ActionHeld.class))
                .singleElement()
                .satisfies(held -> {
                    assertThat(held.service()).isEqualTo(APP);
                    assertThat(held.type()).isEqualTo(RESTART_PLATFORM);
                    assertThat(held.kind()).isEqualTo("held");
                    assertThat(held.rvector()).isEqualTo(4);
                    assertThat(held.reason()).contains("restart-platform budget spent (3 of 3 per 1h)");
                });
        // the budget is derived from durable history rows, one per platform restart admitted
        assertThat(harness.store().history(HistoryQuery.all(1000)))
                .filteredOn(e -> e.kind().equals(BudgetLedger.SPENT))
                .hasSize(3);
        // a held action leaves no pending action behind
        assertThat(harness.store().pendingActions()).isEmpty();
    }

    @Test
    void onceTheWindowHasPassedThePlatformMayRestartAgain() {
        harness.install(UnitBuilder.forService(APP)
                .relaxTime(Duration.ofHours(10))
                .action(RESTART_PLATFORM, 100)
                .build());
        harness.start();
        for (int boot = 0; boot < 4; boot++) {
            failThenReboot();
        }
        assertThat(platformRestarts()).isEqualTo(3);

        // an hour after the first restarts they have left the window
        harness.advance(Duration.ofMinutes(57));
        failThenReboot();

        assertThat(platformRestarts()).isEqualTo(4);
        assertThat(harness.events(RecoveryEvent.ActionHeld.class)).hasSize(1);
    }

    @Test
    void aUnitsBudgetOverridesTheInstancesForItsActions() {
        harness.install(UnitBuilder.forService(APP)
                .relaxTime(Duration.ofHours(1))
                .action(RESTART_PLATFORM, 100)
                .budget(RESTART_PLATFORM, 1, Duration.ofDays(1))
                .build());
        harness.start();

        failThenReboot();
        failThenReboot();

        assertThat(platformRestarts()).isEqualTo(1);
        assertThat(harness.events(RecoveryEvent.ActionHeld.class))
                .singleElement()
                .satisfies(held -> assertThat(held.reason()).contains("(1 of 1 per 1d)"));
    }

    @Test
    void oneFactoryResetPerDayByDefault() {
        harness.systemActions().reportOutcome(io.recoverymanager.core.model.ActionOutcome.ok("wiped"));
        harness.install(UnitBuilder.forService(APP)
                .relaxTime(Duration.ofDays(2))
                .action(FACTORY_RESET, 100)
                .build());
        harness.start();

        failThenReboot();
        failThenReboot();

        assertThat(harness.systemActions().requests())
                .filteredOn(r -> r.action() == FACTORY_RESET)
                .hasSize(1);
        assertThat(harness.events(RecoveryEvent.ActionHeld.class))
                .singleElement()
                .satisfies(held -> assertThat(held.type()).isEqualTo(FACTORY_RESET));
    }

    @Test
    void aBudgetOfZeroForbidsTheActionAndSaysSo() {
        harness.install(UnitBuilder.forService(APP)
                .action(RESTART_PLATFORM)
                .budget(RESTART_PLATFORM, 0, Duration.ofHours(1))
                .build());
        harness.start();

        harness.engine()
                .serviceFailed(new ServiceFailure(
                        APP,
                        "exit-code",
                        OptionalInt.of(1),
                        "invocation-1",
                        harness.clock().instant()));
        harness.advance(Duration.ofSeconds(1));

        assertThat(platformRestarts()).isZero();
        assertThat(harness.events(RecoveryEvent.ActionHeld.class))
                .singleElement()
                .satisfies(held -> assertThat(held.reason()).contains("the budget allows none"));
        assertThat(harness.events(RecoveryEvent.MeditationEntered.class)).isEmpty();
    }

    @Test
    void aSlaveForwardsWithoutCountingTheMasterThatRunsItKeepsTheBudget() {
        RecoveryHarness slave = RecoveryHarness.createSlave("container");
        slave.install(UnitBuilder.forService(APP)
                .relaxTime(Duration.ofHours(1))
                .action(RESTART_PLATFORM, 100)
                .build());
        slave.start();
        for (int boot = 0; boot < 4; boot++) {
            failThenReboot(slave);
        }

        assertThat(slave.systemActions().requests())
                .filteredOn(r -> r.action() == RESTART_PLATFORM)
                .hasSize(4);
        assertThat(slave.events(RecoveryEvent.ActionHeld.class)).isEmpty();
    }

    private long platformRestarts() {
        return harness.systemActions().requests().stream()
                .filter(r -> r.action() == ActionType.RESTART_PLATFORM)
                .count();
    }
}
