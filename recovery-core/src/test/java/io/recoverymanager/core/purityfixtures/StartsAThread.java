package io.recoverymanager.core.purityfixtures;

/** Breaks the no-threads and the no-sleeping rules (never run). */
public final class StartsAThread {
    private StartsAThread() {}

    public static void start(Runnable task) throws InterruptedException {
        new Thread(task).start();
        Thread.sleep(1);
    }
}
