package io.recoverymanager.core.layeringfixtures.a;

import io.recoverymanager.core.layeringfixtures.b.PointsBackAtA;

/** Half of a package cycle (a -> b -> a), for the cycle rule of {@code CoreLayeringTest}. */
public final class PointsAtB {
    private PointsAtB() {}

    public static int depth(PointsBackAtA other) {
        return other.hashCode();
    }
}
