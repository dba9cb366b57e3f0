package io.recoverymanager.core.unit;

import java.util.Objects;

/**
 * A unit as a store holds it: the unit and the hash it was saved under. The hash is kept with the
 * unit because a store may not keep every field the hash covers (the SQLite store keeps no
 * {@code [budget]} rows), so a re-sync compares the saved hash, never one recomputed from what the
 * store read back.
 *
 * @param unit the unit
 * @param hash the {@link RecoveryUnit#hash()} of the unit when it was saved
 *     <p>Thread-safety: immutable.
 */
public record StoredUnit(RecoveryUnit unit, String hash) {
    public StoredUnit {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(hash, "hash");
    }

    /** The unit with the hash computed from it now. */
    public static StoredUnit of(RecoveryUnit unit) {
        return new StoredUnit(unit, unit.hash());
    }

    /** The unit's source: the key a store saves it under. */
    public String source() {
        return unit.source();
    }
}
