package io.recoverymanager.core.unit;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The result of reading a units directory: the units that validated, and the sources that did not
 * (with their errors). A rejected source keeps its previously ingested good version in force: a
 * typo must never silently switch recovery off.
 *
 * @param units the valid units
 * @param rejected errors by source name for files that failed validation
 *     <p>Thread-safety: immutable.
 */
public record UnitCatalog(List<RecoveryUnit> units, Map<String, List<UnitError>> rejected) {
    public UnitCatalog {
        units = List.copyOf(units);
        rejected = Map.copyOf(rejected);
        Set<String> services = new HashSet<>();
        for (RecoveryUnit u : units) {
            if (!services.add(u.service())) {
                throw new IllegalArgumentException("two units for " + u.service());
            }
        }
    }

    /** A catalog of valid units only. */
    public static UnitCatalog of(List<RecoveryUnit> units) {
        return new UnitCatalog(units, Map.of());
    }
}
