package io.recoverymanager.core.purityfixtures;

import java.time.Instant;

/** Breaks the injected-clock rule. */
public final class ReadsTheWallClock {
    private ReadsTheWallClock() {}

    public static Instant now() {
        return Instant.now();
    }
}
