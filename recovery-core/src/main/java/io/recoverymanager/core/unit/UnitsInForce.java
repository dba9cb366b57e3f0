package io.recoverymanager.core.unit;

import io.recoverymanager.core.unit.Friend.FriendType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The units in force and the policy of looking them up, which every store used to implement again:
 * the unit governing a service (its own unit, else its template's, so {@code getty@tty1.service} is
 * governed by {@code getty@.service}) and the units listing a friend.
 *
 * <p>Thread-safety: immutable.
 */
public final class UnitsInForce {
    private final List<RecoveryUnit> units;
    private final Map<String, RecoveryUnit> byService = new HashMap<>();

    private UnitsInForce(List<RecoveryUnit> units) {
        this.units = List.copyOf(units);
        for (RecoveryUnit unit : this.units) {
            byService.putIfAbsent(unit.service(), unit);
        }
    }

    /** The units in force, in source order. */
    public static UnitsInForce of(List<RecoveryUnit> units) {
        return new UnitsInForce(Objects.requireNonNull(units, "units"));
    }

    /** The units in force, as a store lists them ({@code RecoveryStore.units()}, in source order). */
    public static UnitsInForce ofStored(List<StoredUnit> units) {
        return of(units.stream().map(StoredUnit::unit).toList());
    }

    /** Every unit, in the order given. */
    public List<RecoveryUnit> all() {
        return units;
    }

    /** The unit governing a concrete service: its own unit, else its template's. */
    public Optional<RecoveryUnit> unitFor(String service) {
        Objects.requireNonNull(service, "service");
        RecoveryUnit exact = byService.get(service);
        if (exact != null) {
            return Optional.of(exact);
        }
        return ServiceNames.templateOf(service).map(byService::get);
    }

    /**
     * Units listing a friend of this type and name whose context (the engine's own context when the
     * friend names none) equals {@code context}, in the order given.
     */
    public List<RecoveryUnit> withFriend(FriendType type, String name, String context, String ownContext) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(ownContext, "ownContext");
        return units.stream()
                .filter(u -> u.friends().stream().anyMatch(f -> f.refersTo(type, name, context, ownContext)))
                .toList();
    }
}
