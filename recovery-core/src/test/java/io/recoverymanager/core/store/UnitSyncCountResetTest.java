package io.recoverymanager.core.store;

import static io.recoverymanager.core.store.SyncUnits.ECHO;
import static io.recoverymanager.core.store.SyncUnits.GETTY;
import static io.recoverymanager.core.store.SyncUnits.OTHER;
import static io.recoverymanager.core.store.SyncUnits.TTY1;
import static io.recoverymanager.core.store.SyncUnits.TTY2;
import static io.recoverymanager.core.store.SyncUnits.catalog;
import static io.recoverymanager.core.store.SyncUnits.escalated;
import static io.recoverymanager.core.store.SyncUnits.rejecting;
import static io.recoverymanager.core.store.SyncUnits.stored;
import static io.recoverymanager.core.store.SyncUnits.unit;
import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.UnitSyncPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which counts a unit sync returns to 0: those of every service a changed or removed unit governs
 * (each instance, for a template), and no other. Stores zero exactly the named services.
 */
class UnitSyncCountResetTest {

    @Test
    void aChangedUnitZeroesItsServiceOnly() {
        UnitSyncPlan plan = UnitSync.plan(
                stored(unit(ECHO, 3), unit(OTHER, 1)),
                List.of(escalated(ECHO, 2), escalated(OTHER, 1)),
                catalog(unit(ECHO, 5), unit(OTHER, 1)));

        assertThat(plan.zeroedServices()).containsExactly(ECHO);
    }

    @Test
    void aChangedTemplateZeroesEveryInstanceAndNotItsNeighbours() {
        UnitSyncPlan plan = UnitSync.plan(
                stored(unit(GETTY, 2), unit(ECHO, 3)),
                List.of(
                        escalated(TTY1, 2),
                        escalated(TTY2, 1),
                        escalated(ECHO, 1),
                        escalated("gettyx@tty1.service", 1)),
                catalog(unit(GETTY, 4), unit(ECHO, 3)));

        assertThat(plan.zeroedServices()).containsExactlyInAnyOrder(TTY1, TTY2);
    }

    @Test
    void aRemovedUnitZeroesItsServiceAndARemovedTemplateEveryInstance() {
        UnitSyncPlan plan = UnitSync.plan(
                stored(unit(GETTY, 2), unit(ECHO, 3), unit(OTHER, 1)),
                List.of(escalated(TTY1, 2), escalated(ECHO, 1), escalated(OTHER, 4)),
                catalog(unit(OTHER, 1)));

        assertThat(plan.zeroedServices()).containsExactlyInAnyOrder(TTY1, ECHO);
    }

    @Test
    void anInstanceWithItsOwnUnitIsZeroedWhenTheTemplateChangesToo() {
        // Both stores zeroed every service a changed unit governs, an instance with its own unit
        // included: the template is its fallback, and the fallback changed.
        UnitSyncPlan plan = UnitSync.plan(
                stored(unit(GETTY, 2), unit(TTY1, 1)),
                List.of(escalated(TTY1, 1)),
                catalog(unit(GETTY, 3), unit(TTY1, 1)));

        assertThat(plan.zeroedServices()).containsExactly(TTY1);
    }

    @Test
    void aRenamedOrRejectedUnitZeroesNothing() {
        assertThat(UnitSync.plan(
                                stored(unit(ECHO, 3)),
                                List.of(escalated(ECHO, 2)),
                                catalog(unit("renamed.toml", ECHO, 3)))
                        .zeroedServices())
                .isEmpty();
        assertThat(UnitSync.plan(stored(unit(ECHO, 3)), List.of(escalated(ECHO, 2)), rejecting("echo.toml"))
                        .zeroedServices())
                .isEmpty();
    }

    @Test
    void aServiceWithoutACountIsNotNamed() {
        UnitSyncPlan plan = UnitSync.plan(stored(unit(ECHO, 3)), List.of(), catalog());

        assertThat(plan.zeroedServices()).isEmpty();
        assertThat(plan.deletedSources()).containsExactly("echo.toml");
    }
}
