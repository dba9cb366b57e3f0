package io.recoverymanager.store.sqlite;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The process {@link SqliteCrashIT} kills: opens the store in the given state directory and counts
 * failures of {@link #SERVICE} in a loop, printing each rvector only after {@code countFailure}
 * returned, so every printed value is one the store promised to keep.
 *
 * <p>Thread-safety: single-threaded program.
 */
public final class CrashChild {
    /** The service whose failures are counted. */
    public static final String SERVICE = "crash.service";

    private CrashChild() {}

    /**
     * @param args the state directory and a prefix that makes this run's failure ids unique
     */
    public static void main(String[] args) {
        Path stateDir = Path.of(args[0]);
        String prefix = args[1];
        PrintStream out = System.out;
        try (SqliteRecoveryStore store =
                SqliteRecoveryStore.open(stateDir, Clock.systemUTC(), HistoryRetention.defaults())) {
            for (long i = 0; ; i++) {
                int rvector = store.countFailure(
                                SERVICE, prefix + "-" + i, Clock.systemUTC().instant())
                        .rvector();
                out.println(rvector);
                out.flush();
            }
        }
    }
}
