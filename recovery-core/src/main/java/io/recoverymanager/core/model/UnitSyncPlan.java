package io.recoverymanager.core.model;

import io.recoverymanager.core.unit.StoredUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The writes of one unit sync, decided by the core ({@link io.recoverymanager.core.store.UnitSync})
 * and applied by a store in one transaction ({@link
 * io.recoverymanager.core.spi.RecoveryStore#applyUnitSync}). The store applies exactly these rows
 * and names; it decides nothing.
 *
 * @param deletedSources sources whose saved unit is deleted (a removed unit, or one saved again
 *     below with a new hash)
 * @param savedUnits units saved, each under its source (no source twice), after the deletes
 * @param zeroedServices services whose rvector returns to 0 and whose relax deadline is cleared;
 *     their last counted failure is kept
 * @param unitsInForce every unit in force after the sync, in source order: the saved units not
 *     deleted plus {@code savedUnits}
 * @param report what the sync changed, as users see it
 *     <p>Thread-safety: immutable.
 */
public record UnitSyncPlan(
        List<String> deletedSources,
        List<StoredUnit> savedUnits,
        Set<String> zeroedServices,
        List<StoredUnit> unitsInForce,
        UnitSyncReport report) {
    public UnitSyncPlan {
        deletedSources = List.copyOf(deletedSources);
        savedUnits = List.copyOf(savedUnits);
        zeroedServices = Set.copyOf(zeroedServices);
        unitsInForce = List.copyOf(unitsInForce);
        java.util.Objects.requireNonNull(report, "report");
        Set<String> sources = new HashSet<>();
        for (StoredUnit unit : savedUnits) {
            if (!sources.add(unit.source())) {
                throw new IllegalArgumentException("the plan saves two units under source " + unit.source());
            }
        }
    }

    /** Whether applying the plan writes nothing (the units in force may still be new objects). */
    public boolean writesNothing() {
        return deletedSources.isEmpty() && savedUnits.isEmpty() && zeroedServices.isEmpty();
    }
}
