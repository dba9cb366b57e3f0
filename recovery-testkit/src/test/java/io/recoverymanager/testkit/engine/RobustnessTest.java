package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static io.recoverymanager.testkit.RecoveryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import io.recoverymanager.testkit.ManualClock;
import io.recoverymanager.testkit.RecordingSystemActions;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import io.recoverymanager.testkit.VirtualEventLoop;
import org.junit.jupiter.api.Test;

/** Guarded listeners, builder validation, closing. */
class RobustnessTest {

    @Test
    void aThrowingListenerNeitherStopsTheLoopNorTheListenersAfterIt() {
        RecoveryHarness harness = RecoveryHarness.create("host");
        harness.listener(e -> {
            throw new IllegalStateException("faulty listener");
        });
        harness.install(UnitBuilder.forService("echo.service")
                .action(RESTART_SERVICE, 3)
                .build());
        harness.start();

        harness.fail("echo.service");
        harness.fail("echo.service");

        assertThat(harness).failureRvectorsOf("echo.service").containsExactly(1, 2);
        assertThat(harness.serviceManager().count("restart", "echo.service")).isEqualTo(2);
    }

    @Test
    void theBuilderNamesAMissingPort() {
        assertThatThrownBy(() -> RecoveryEngine.builder().context("host").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("clock is required");
        assertThatThrownBy(() -> RecoveryEngine.builder().context(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context");
    }

    @Test
    void aClosedEngineIgnoresInputsAndCancelsItsTimers() {
        ManualClock clock = new ManualClock();
        VirtualEventLoop loop = new VirtualEventLoop(clock);
        var serviceManager = new io.recoverymanager.testkit.FakeServiceManager(clock);
        RecoveryEngine engine = RecoveryEngine.builder()
                .context("host")
                .clock(clock)
                .loop(loop)
                .store(new InMemoryRecoveryStore())
                .serviceManager(serviceManager)
                .systemActions(RecordingSystemActions.master())
                .build();
        engine.syncUnits(io.recoverymanager.core.unit.UnitCatalog.of(java.util.List.of(
                UnitBuilder.forService("echo.service").action(RESTART_SERVICE).build())));
        engine.start();
        loop.runPending();
        assertThat(loop.armedTimers()).isEqualTo(1);

        engine.close();
        loop.runPending();
        serviceManager.fail("echo.service", "exit-code");
        loop.runPending();

        assertThat(loop.armedTimers()).isZero();
        assertThat(serviceManager.count("restart", "echo.service")).isZero();
        assertThat(engine.reset("echo.service").toCompletableFuture()).isCompletedExceptionally();
    }
}
