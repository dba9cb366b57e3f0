package io.recoverymanager.store.sqlite;

import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import java.time.Instant;
import java.util.Arrays;

/**
 * Conversions between model values and column values: instants as epoch nanoseconds (exact, and
 * ordered for range queries), enums by their TOML names.
 *
 * <p>Thread-safety: stateless.
 */
final class Codec {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Codec() {}

    /** Epoch nanoseconds; instants outside ±292 years of 1970 are refused with a clear error. */
    static long toNanos(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "instant " + instant + " is outside the range the store can hold (years 1678 to 2262)", e);
        }
    }

    static Instant fromNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
    }

    static ActionType actionType(String name, String column) {
        return ActionType.byName(name)
                .orElseThrow(() -> new IllegalArgumentException(column + ": unknown action type '" + name + "'"));
    }

    static FriendType friendType(String name, String column) {
        return Arrays.stream(FriendType.values())
                .filter(t -> t.tomlName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(column + ": unknown friend type '" + name + "'"));
    }

    static FriendAction friendAction(String name, String column) {
        return Arrays.stream(FriendAction.values())
                .filter(a -> a.tomlName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(column + ": unknown friend action '" + name + "'"));
    }
}
