package io.recoverymanager.core.unit.layeringfixtures;

import io.recoverymanager.core.internal.EngineSettings;

/** Breaks the layering rule: a class of the unit package depending on internal. */
public final class UnitReachingIntoInternal {
    private UnitReachingIntoInternal() {}

    public static String contextOf(EngineSettings settings) {
        return settings.context();
    }
}
