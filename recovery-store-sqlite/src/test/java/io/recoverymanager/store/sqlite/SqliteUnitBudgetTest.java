package io.recoverymanager.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.store.UnitSync;
import io.recoverymanager.core.unit.ActionBudget;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.StoredUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.testkit.UnitBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A unit's {@code [budget]} is not in the unit rows; the units the daemon reads at every start are
 * what the engine gets, also when nothing changed since the last run.
 */
class SqliteUnitBudgetTest {
    @TempDir
    Path dir;

    @Test
    void aUnitsBudgetIsInForceAfterAnUnchangedSyncOfAReopenedStore() {
        RecoveryUnit unit = UnitBuilder.forService("boot.service")
                .action(ActionType.RESTART_PLATFORM, 5)
                .budget(ActionType.RESTART_PLATFORM, 1, Duration.ofDays(1))
                .build();
        try (SqliteRecoveryStore store =
                SqliteRecoveryStore.open(dir, Clock.systemUTC(), HistoryRetention.defaults())) {
            UnitSync.sync(store, UnitCatalog.of(List.of(unit)));
            assertThat(unit(store, "boot.service").budgets()).isEqualTo(unit.budgets());
        }
        try (SqliteRecoveryStore store =
                SqliteRecoveryStore.open(dir, Clock.systemUTC(), HistoryRetention.defaults())) {
            UnitSyncReport report = UnitSync.sync(store, UnitCatalog.of(List.of(unit)));

            assertThat(report.unchanged()).isEqualTo(1);
            assertThat(unit(store, "boot.service").budgets().limitFor(ActionType.RESTART_PLATFORM))
                    .contains(new ActionBudget(1, Duration.ofDays(1)));
        }
    }

    private static RecoveryUnit unit(SqliteRecoveryStore store, String service) {
        return store.units().stream()
                .map(StoredUnit::unit)
                .filter(u -> u.service().equals(service))
                .findFirst()
                .orElseThrow();
    }
}
