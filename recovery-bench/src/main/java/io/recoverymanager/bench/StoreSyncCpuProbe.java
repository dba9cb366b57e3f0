package io.recoverymanager.bench;

import io.recoverymanager.core.store.UnitSync;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.store.sqlite.SyncMode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Companion of {@link StoreUnitSyncBenchmark} for a shared, overloaded machine: runs the same
 * 10,000-unit first ingest and unchanged re-sync a few times and prints, next to the wall-clock
 * time, the CPU time the syncing thread itself used (SQLite's native work included). When the
 * machine's load is far above its core count, wall time mostly measures waiting for a core; the CPU
 * time shows the work the sync really costs. Run: {@code java -cp
 * recovery-bench/target/benchmarks.jar io.recoverymanager.bench.StoreSyncCpuProbe [rounds]}.
 *
 * <p>Thread-safety: single-threaded program.
 */
public final class StoreSyncCpuProbe {
    private StoreSyncCpuProbe() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        UnitCatalog catalog = UnitCatalog.of(BenchFiles.units(10_000));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf(
                Locale.ROOT,
                "load average %.1f on %d cores%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        for (int round = 1; round <= rounds; round++) {
            Path stateDir = BenchFiles.tempStateDir();
            try (SqliteRecoveryStore store = SqliteRecoveryStore.builder(stateDir)
                    .syncMode(SyncMode.FULL)
                    .open()) {
                long wall0 = System.nanoTime();
                long cpu0 = threads.getCurrentThreadCpuTime();
                UnitSync.sync(store, catalog);
                long wall1 = System.nanoTime();
                long cpu1 = threads.getCurrentThreadCpuTime();
                UnitSync.sync(store, catalog);
                long wall2 = System.nanoTime();
                long cpu2 = threads.getCurrentThreadCpuTime();
                System.out.printf(
                        Locale.ROOT,
                        "round %d: first ingest %5d ms wall, %4d ms cpu | unchanged re-sync %4d ms wall, %4d ms cpu%n",
                        round,
                        (wall1 - wall0) / 1_000_000,
                        (cpu1 - cpu0) / 1_000_000,
                        (wall2 - wall1) / 1_000_000,
                        (cpu2 - cpu1) / 1_000_000);
            } finally {
                BenchFiles.deleteRecursively(stateDir);
            }
        }
    }
}
