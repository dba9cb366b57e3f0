package io.recoverymanager.core.purityfixtures;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Breaks the no-threads rule through a ScheduledExecutorService handed in (never run). */
public final class UsesScheduledExecutorService {
    private UsesScheduledExecutorService() {}

    public static void later(ScheduledExecutorService scheduler, Runnable task) {
        scheduler.schedule(task, 1, TimeUnit.SECONDS);
    }
}
