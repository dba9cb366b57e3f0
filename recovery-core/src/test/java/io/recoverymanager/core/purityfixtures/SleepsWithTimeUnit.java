package io.recoverymanager.core.purityfixtures;

import java.util.concurrent.TimeUnit;

/** Breaks the no-sleeping rule without naming Thread (never run). */
public final class SleepsWithTimeUnit {
    private SleepsWithTimeUnit() {}

    public static void pause() throws InterruptedException {
        TimeUnit.SECONDS.sleep(1);
    }
}
