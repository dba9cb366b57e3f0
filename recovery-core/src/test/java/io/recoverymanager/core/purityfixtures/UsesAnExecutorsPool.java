package io.recoverymanager.core.purityfixtures;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/** Breaks the no-threads rule through Executors (never run). */
public final class UsesAnExecutorsPool {
    private UsesAnExecutorsPool() {}

    public static Executor pool() {
        return Executors.newSingleThreadExecutor();
    }
}
