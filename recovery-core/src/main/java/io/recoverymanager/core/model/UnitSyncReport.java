package io.recoverymanager.core.model;

import io.recoverymanager.core.unit.RecoveryUnit;
import java.util.List;

/**
 * What a unit sync changed.
 *
 * @param added units that were not ingested before
 * @param changed units whose hash changed; their rvector (and every instance's) returned to 0
 * @param removed units whose source disappeared
 * @param unchanged how many units were already ingested with the same hash (rvector kept)
 *     <p>Thread-safety: immutable.
 */
public record UnitSyncReport(
        List<RecoveryUnit> added, List<Change> changed, List<RecoveryUnit> removed, int unchanged) {
    public UnitSyncReport {
        added = List.copyOf(added);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
    }

    /**
     * A replaced unit.
     *
     * @param before the unit that was in force
     * @param after the unit now in force
     */
    public record Change(RecoveryUnit before, RecoveryUnit after) {}
}
