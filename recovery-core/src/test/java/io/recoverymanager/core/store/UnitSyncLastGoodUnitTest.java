package io.recoverymanager.core.store;

import static io.recoverymanager.core.store.SyncUnits.ECHO;
import static io.recoverymanager.core.store.SyncUnits.OTHER;
import static io.recoverymanager.core.store.SyncUnits.catalog;
import static io.recoverymanager.core.store.SyncUnits.rejecting;
import static io.recoverymanager.core.store.SyncUnits.stored;
import static io.recoverymanager.core.store.SyncUnits.unit;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.UnitSyncPlan;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.unit.StoredUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rejected source keeps its last good unit: a typo must never switch recovery off. */
class UnitSyncLastGoodUnitTest {

    @Test
    void aRejectedSourceKeepsItsPreviousGoodVersionAndRvector() {
        UnitSyncPlan plan = UnitSync.plan(
                stored(unit(ECHO, 3), unit(OTHER, 1)),
                List.of(SyncUnits.escalated(ECHO, 2)),
                rejecting("echo.toml", unit(OTHER, 1)));

        assertThat(plan.report()).isEqualTo(new UnitSyncReport(List.of(), List.of(), List.of(), 2));
        assertThat(plan.writesNothing()).isTrue();
        assertThat(plan.unitsInForce()).containsExactlyElementsOf(stored(unit(ECHO, 3), unit(OTHER, 1)));
    }

    @Test
    void aRejectedSourceThatWasNeverIngestedAddsNothing() {
        UnitSyncPlan plan = UnitSync.plan(List.of(), List.of(), rejecting("broken.toml", unit(ECHO, 3)));

        assertThat(plan.report().added()).containsExactly(unit(ECHO, 3));
        assertThat(plan.unitsInForce()).containsExactly(StoredUnit.of(unit(ECHO, 3)));
    }

    @Test
    void aFixedSourceReplacesTheKeptVersion() {
        List<StoredUnit> kept = UnitSync.plan(stored(unit(ECHO, 3)), List.of(), rejecting("echo.toml"))
                .unitsInForce();

        UnitSyncPlan plan = UnitSync.plan(kept, List.of(), catalog(unit(ECHO, 5)));

        assertThat(plan.report().changed()).containsExactly(new UnitSyncReport.Change(unit(ECHO, 3), unit(ECHO, 5)));
        assertThat(plan.unitsInForce()).containsExactly(StoredUnit.of(unit(ECHO, 5)));
    }
}
