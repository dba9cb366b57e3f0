package io.recoverymanager.core.store;

import static io.recoverymanager.core.store.SyncUnits.ECHO;
import static io.recoverymanager.core.store.SyncUnits.OTHER;
import static io.recoverymanager.core.store.SyncUnits.catalog;
import static io.recoverymanager.core.store.SyncUnits.stored;
import static io.recoverymanager.core.store.SyncUnits.unit;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.UnitSyncPlan;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.unit.ActionBudget;
import io.recoverymanager.core.unit.ActionBudgets;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.StoredUnit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The diffing policy of a unit sync (was written twice, in each store): units compared by service
 * and hash, rows kept by source.
 */
class UnitSyncDiffTest {

    @Test
    void aFirstSyncAddsEveryUnitAndSavesThemInSourceOrder() {
        UnitSyncPlan plan = UnitSync.plan(List.of(), List.of(), catalog(unit(OTHER, 1), unit(ECHO, 3)));

        assertThat(plan.report())
                .isEqualTo(new UnitSyncReport(List.of(unit(ECHO, 3), unit(OTHER, 1)), List.of(), List.of(), 0));
        assertThat(plan.savedUnits()).containsExactly(StoredUnit.of(unit(ECHO, 3)), StoredUnit.of(unit(OTHER, 1)));
        assertThat(plan.unitsInForce()).isEqualTo(plan.savedUnits());
        assertThat(plan.deletedSources()).isEmpty();
        assertThat(plan.zeroedServices()).isEmpty();
    }

    @Test
    void anUnchangedResyncWritesNothingAndReportsUnchanged() {
        UnitSyncPlan plan = UnitSync.plan(
                stored(unit(ECHO, 3), unit(OTHER, 1)),
                List.of(SyncUnits.escalated(ECHO, 2)),
                catalog(unit(ECHO, 3), unit(OTHER, 1)));

        assertThat(plan.report()).isEqualTo(new UnitSyncReport(List.of(), List.of(), List.of(), 2));
        assertThat(plan.writesNothing()).isTrue();
        assertThat(plan.unitsInForce()).containsExactlyElementsOf(stored(unit(ECHO, 3), unit(OTHER, 1)));
    }

    @Test
    void aChangedHashReplacesTheRowUnderItsSource() {
        UnitSyncPlan plan =
                UnitSync.plan(stored(unit(ECHO, 3), unit(OTHER, 1)), List.of(), catalog(unit(ECHO, 5), unit(OTHER, 1)));

        assertThat(plan.report().changed()).containsExactly(new UnitSyncReport.Change(unit(ECHO, 3), unit(ECHO, 5)));
        assertThat(plan.report().unchanged()).isEqualTo(1);
        assertThat(plan.deletedSources()).containsExactly("echo.toml");
        assertThat(plan.savedUnits()).containsExactly(StoredUnit.of(unit(ECHO, 5)));
    }

    @Test
    void aUnitWhoseSourceDisappearedIsRemovedAndItsRowDeleted() {
        UnitSyncPlan plan = UnitSync.plan(stored(unit(ECHO, 3), unit(OTHER, 1)), List.of(), catalog(unit(OTHER, 1)));

        assertThat(plan.report()).isEqualTo(new UnitSyncReport(List.of(), List.of(), List.of(unit(ECHO, 3)), 1));
        assertThat(plan.deletedSources()).containsExactly("echo.toml");
        assertThat(plan.savedUnits()).isEmpty();
        assertThat(plan.unitsInForce()).containsExactlyElementsOf(stored(unit(OTHER, 1)));
    }

    @Test
    void aRenamedFileWithTheSameUnitIsUnchangedButItsRowMoves() {
        RecoveryUnit renamed = unit("echo-renamed.toml", ECHO, 3);

        UnitSyncPlan plan =
                UnitSync.plan(stored(unit(ECHO, 3)), List.of(SyncUnits.escalated(ECHO, 2)), catalog(renamed));

        assertThat(plan.report()).isEqualTo(new UnitSyncReport(List.of(), List.of(), List.of(), 1));
        assertThat(plan.deletedSources()).containsExactly("echo.toml");
        assertThat(plan.savedUnits()).containsExactly(StoredUnit.of(renamed));
        assertThat(plan.zeroedServices()).as("the unit did not change").isEmpty();
    }

    @Test
    void theSavedHashIsComparedNotOneRecomputedFromWhatTheStoreReadBack() {
        // A store may not keep every field the hash covers (SQLite keeps no [budget] rows).
        RecoveryUnit withBudget = new RecoveryUnit(
                "echo.toml",
                ECHO,
                Duration.ofSeconds(60),
                false,
                java.util.Optional.empty(),
                java.util.Optional.empty(),
                unit(ECHO, 3).actions(),
                List.of(),
                new ActionBudgets(Map.of(ActionType.RESTART_PLATFORM, new ActionBudget(2, Duration.ofMinutes(5)))));
        StoredUnit readBack = new StoredUnit(unit(ECHO, 3), withBudget.hash());

        UnitSyncPlan plan =
                UnitSync.plan(List.of(readBack), List.of(SyncUnits.escalated(ECHO, 2)), catalog(withBudget));

        assertThat(plan.report().unchanged()).isEqualTo(1);
        assertThat(plan.writesNothing()).isTrue();
        assertThat(plan.unitsInForce())
                .as("the units in force are the ones read, budget and all")
                .containsExactly(new StoredUnit(withBudget, withBudget.hash()));
    }
}
