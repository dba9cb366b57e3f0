package io.recoverymanager.dispatch.master;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling for conditions that real sockets and threads make true eventually. */
public final class Await {
    private Await() {}

    public static void until(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(10);
        }
    }
}
