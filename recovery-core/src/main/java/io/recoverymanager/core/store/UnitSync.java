package io.recoverymanager.core.store;

import io.recoverymanager.core.model.ServiceRecord;
import io.recoverymanager.core.model.UnitSyncPlan;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.StoredUnit;
import io.recoverymanager.core.unit.UnitCatalog;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The unit-sync policy: how a freshly read {@link UnitCatalog} replaces the units in force, decided
 * once here instead of in every store.
 *
 * <ul>
 *   <li>Units are compared by service: a service without a unit before is <em>added</em>; one whose
 *       unit hash differs is <em>changed</em>; one with the same hash is <em>unchanged</em> (even
 *       when its file was renamed); a service whose unit is gone is <em>removed</em>.
 *   <li>A rejected source keeps its previous good unit: a typo must never switch recovery off.
 *   <li>A changed or removed unit returns the rvector of every service it governs (each instance,
 *       for a template) to 0 and clears its relax deadline; an unchanged unit keeps them.
 *   <li>Saved rows are kept by source: a source whose hash changed, or that disappeared, is
 *       deleted; a new or changed source is saved.
 * </ul>
 *
 * <p>Thread-safety: stateless; {@link #sync} must not run concurrently with other writes to the
 * same store (the engine calls it from its loop), because the plan is computed from what the store
 * held when it was read.
 */
public final class UnitSync {
    private UnitSync() {}

    /**
     * Plans the sync of {@code catalog} over the units in force.
     *
     * @param inForce the units in force, as the store holds them ({@link RecoveryStore#units()})
     * @param escalated the services with a positive rvector ({@link RecoveryStore#escalated()}):
     *     the candidates for zeroing
     * @param catalog the units just read
     */
    public static UnitSyncPlan plan(
            List<StoredUnit> inForce, Collection<ServiceRecord> escalated, UnitCatalog catalog) {
        Map<String, StoredUnit> previousBySource = new HashMap<>();
        inForce.forEach(u -> previousBySource.put(u.source(), u));

        NavigableMap<String, StoredUnit> next = new TreeMap<>();
        for (String source : catalog.rejected().keySet()) {
            StoredUnit kept = previousBySource.get(source);
            if (kept != null) {
                next.put(source, kept);
            }
        }
        for (RecoveryUnit unit : catalog.units()) {
            StoredUnit before = previousBySource.get(unit.source());
            // Equal units have equal hashes: skip the digest for the common unchanged case.
            String hash = before != null && before.unit().equals(unit) ? before.hash() : unit.hash();
            next.put(unit.source(), new StoredUnit(unit, hash));
        }

        Map<String, StoredUnit> previousByService = new HashMap<>();
        inForce.forEach(u -> previousByService.put(u.unit().service(), u));
        Set<String> nextServices = new LinkedHashSet<>();
        next.values().forEach(u -> nextServices.add(u.unit().service()));

        List<RecoveryUnit> added = new ArrayList<>();
        List<UnitSyncReport.Change> changed = new ArrayList<>();
        List<RecoveryUnit> removed = new ArrayList<>();
        List<RecoveryUnit> resetGoverned = new ArrayList<>();
        int unchanged = 0;
        for (StoredUnit unit : next.values()) {
            StoredUnit before = previousByService.get(unit.unit().service());
            if (before == null) {
                added.add(unit.unit());
            } else if (!before.hash().equals(unit.hash())) {
                changed.add(new UnitSyncReport.Change(before.unit(), unit.unit()));
                resetGoverned.add(before.unit());
            } else {
                unchanged++;
            }
        }
        for (StoredUnit before : inForce) {
            if (!nextServices.contains(before.unit().service())) {
                removed.add(before.unit());
                resetGoverned.add(before.unit());
            }
        }

        List<String> deletedSources = new ArrayList<>();
        for (StoredUnit before : inForce) {
            StoredUnit after = next.get(before.source());
            if (after == null || !after.hash().equals(before.hash())) {
                deletedSources.add(before.source());
            }
        }
        List<StoredUnit> savedUnits = new ArrayList<>();
        for (StoredUnit after : next.values()) {
            StoredUnit before = previousBySource.get(after.source());
            if (before == null || !before.hash().equals(after.hash())) {
                savedUnits.add(after);
            }
        }
        Set<String> zeroedServices = new LinkedHashSet<>();
        for (ServiceRecord record : escalated) {
            if (resetGoverned.stream().anyMatch(u -> u.governs(record.service()))) {
                zeroedServices.add(record.service());
            }
        }
        return new UnitSyncPlan(
                deletedSources,
                savedUnits,
                zeroedServices,
                List.copyOf(next.values()),
                new UnitSyncReport(added, changed, removed, unchanged));
    }

    /**
     * Plans the sync of {@code catalog} against what {@code store} holds and applies the plan in one
     * store transaction; returns what changed. For a store no engine is running on (tools, tests):
     * the engine syncs through {@code RecoveryEngine.syncUnits}, which also updates its look-ups.
     */
    public static UnitSyncReport sync(RecoveryStore store, UnitCatalog catalog) {
        UnitSyncPlan plan = plan(store.units(), store.escalated(), catalog);
        store.applyUnitSync(plan);
        return plan.report();
    }
}
