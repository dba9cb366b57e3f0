package io.recoverymanager.testkit.engine;

import static io.recoverymanager.core.unit.ActionType.DISABLE_SERVICE;
import static io.recoverymanager.core.unit.ActionType.RESTART_SERVICE;
import static io.recoverymanager.testkit.RecoveryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.event.RecoveryEvent;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.StoredUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.testkit.RecoveryHarness;
import io.recoverymanager.testkit.UnitBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour 10 (unit events, manual reset) and the sync rules seen through the engine. */
class UnitSyncTest {
    private static final String ECHO = "echo.service";

    private final RecoveryHarness harness = RecoveryHarness.create("host");
    private final RecoveryUnit v1 =
            UnitBuilder.forService(ECHO).action(RESTART_SERVICE, 3).build();
    private final RecoveryUnit v2 = UnitBuilder.forService(ECHO)
            .action(RESTART_SERVICE, 2)
            .action(DISABLE_SERVICE)
            .build();

    @Test
    void addedChangedAndRemovedUnitsAreReported() {
        harness.install(v1);
        harness.install(v2);
        harness.install();

        assertThat(harness).hasKinds("unit-added", "unit-changed", "unit-removed");
    }

    @Test
    void aChangedUnitResetsTheRvectorAndCancelsTheRelaxTimer() {
        harness.install(v1);
        harness.start();
        harness.fail(ECHO);
        harness.fail(ECHO);

        harness.install(v2);
        harness.advance(Duration.ofHours(1));

        assertThat(harness.rvector(ECHO)).isZero();
        assertThat(harness).hasNotRecovered(ECHO);
        harness.fail(ECHO);
        assertThat(harness).failureRvectorsOf(ECHO).containsExactly(1, 2, 1);
    }

    @Test
    void anUnchangedUnitKeepsItsRvector() {
        harness.install(v1);
        harness.start();
        harness.fail(ECHO);

        harness.install(v1);

        assertThat(harness.rvector(ECHO)).isEqualTo(1);
        assertThat(harness.events(RecoveryEvent.UnitChanged.class)).isEmpty();
    }

    @Test
    void aRejectedFileKeepsThePreviousGoodVersionInForce() {
        harness.install(v1);
        harness.start();
        harness.fail(ECHO);

        harness.sync(new UnitCatalog(
                List.of(),
                Map.of(v1.source(), List.of(new UnitError(v1.source(), 4, "action[0].retry", "must be >= 1")))));

        assertThat(harness.store().units()).extracting(StoredUnit::unit).containsExactly(v1);
        assertThat(harness.rvector(ECHO)).isEqualTo(1);
        assertThat(harness.events(RecoveryEvent.UnitRejected.class))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.service()).isEqualTo(ECHO);
                    assertThat(e.detail()).contains("echo.toml:4: action[0].retry: must be >= 1");
                });
    }

    @Test
    void aManualResetReturnsTheRvectorToZeroAndIsReported() {
        harness.install(v1);
        harness.start();
        harness.fail(ECHO);
        harness.fail(ECHO);

        int previous = harness.reset(ECHO);

        assertThat(previous).isEqualTo(2);
        assertThat(harness.rvector(ECHO)).isZero();
        assertThat(harness.events(RecoveryEvent.ManualReset.class))
                .singleElement()
                .satisfies(e -> assertThat(e.rvector()).isEqualTo(2));
        harness.advance(Duration.ofHours(1));
        assertThat(harness).hasNotRecovered(ECHO);
    }
}
