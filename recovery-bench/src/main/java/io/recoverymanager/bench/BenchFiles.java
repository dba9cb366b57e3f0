package io.recoverymanager.bench;

import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.Friend.FriendAction;
import io.recoverymanager.core.unit.Friend.FriendType;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.testkit.UnitBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Helpers of the store benchmarks: realistic units and temporary state directories.
 *
 * <p>Thread-safety: stateless.
 */
final class BenchFiles {
    private BenchFiles() {}

    /** A fresh temporary state directory. */
    static Path tempStateDir() {
        try {
            return Files.createTempDirectory("recovery-store-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the directory and everything in it. */
    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} units of three actions and one friend each, as a units directory would hold. */
    static List<RecoveryUnit> units(int count) {
        List<RecoveryUnit> units = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            units.add(UnitBuilder.forService("bench" + i + ".service")
                    .relaxTime(Duration.ofSeconds(60))
                    .publicData("/var/lib/bench" + i + "/public")
                    .action(ActionType.RESTART_SERVICE, 3)
                    .action(ActionType.RESET_PUBLIC_DATA)
                    .action(ActionType.RESTART_PLATFORM)
                    .friend(
                            FriendType.SERVICE,
                            "db" + (i % 50) + ".service",
                            "container2",
                            FriendAction.RESTART,
                            Duration.ofSeconds(5))
                    .build());
        }
        return units;
    }
}
