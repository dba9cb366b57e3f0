package io.recoverymanager.daemon.runtime;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named places where a test can make the daemon die as if by {@code kill -9}, to prove that what
 * was committed before that place is enough to finish the work after a restart.
 *
 * <p>Off unless the JVM runs with {@code -Drecoverymanager.crash-point=NAME} or {@code NAME#N}
 * (the N-th time the place is reached, counting from 1); only tests set it, through {@code
 * JAVA_OPTS} of the packaged launcher. When the named place is reached the process prints {@code
 * crash point NAME reached} on stderr and halts with status 137 without running shutdown hooks, so
 * nothing is flushed or closed that a real crash would not flush or close.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class CrashPoint {
    /** The system property naming the armed crash point. */
    public static final String PROPERTY = "recoverymanager.crash-point";

    private static final String ARMED = System.getProperty(PROPERTY, "");
    private static final String NAME = ARMED.contains("#") ? ARMED.substring(0, ARMED.indexOf('#')) : ARMED;
    private static final int NTH = ARMED.contains("#") ? Integer.parseInt(ARMED.substring(ARMED.indexOf('#') + 1)) : 1;
    private static final AtomicInteger REACHED = new AtomicInteger();

    private CrashPoint() {}

    /** Whether any crash point is armed in this JVM. */
    public static boolean armed() {
        return !NAME.isEmpty();
    }

    /** Halts the JVM here if this is the armed place (and the armed occurrence of it). */
    public static void reached(String name) {
        if (NAME.isEmpty() || !NAME.equals(name)) {
            return;
        }
        if (REACHED.incrementAndGet() == NTH) {
            System.err.println("crash point " + name + " reached");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
