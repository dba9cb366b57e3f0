package io.recoverymanager.core.layeringfixtures.b;

import io.recoverymanager.core.layeringfixtures.a.PointsAtB;

/** The other half of the package cycle of {@link PointsAtB}. */
public final class PointsBackAtA {
    public int depth() {
        return PointsAtB.depth(this);
    }
}
