package io.recoverymanager.store.sqlite;

import io.recoverymanager.core.unit.RecoveryUnit;
import java.util.Objects;

/**
 * An ingested unit with the hash it was stored under, so a re-sync compares hashes without
 * recomputing those of the units in force.
 *
 * @param unit the unit
 * @param hash its {@link RecoveryUnit#hash()}
 *     <p>Thread-safety: immutable.
 */
record StoredUnit(RecoveryUnit unit, String hash) {
    StoredUnit {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(hash, "hash");
    }
}
