package io.recoverymanager.core.purityfixtures;

import java.util.concurrent.CompletableFuture;

/** Breaks the no-threads rule: runAsync without an executor uses the common ForkJoinPool (never run). */
public final class CallsCompletableFutureAsync {
    private CallsCompletableFutureAsync() {}

    public static CompletableFuture<Void> run(Runnable task) {
        return CompletableFuture.runAsync(task);
    }
}
