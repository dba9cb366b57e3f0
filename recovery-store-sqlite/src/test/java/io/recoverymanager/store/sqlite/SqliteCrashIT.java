package io.recoverymanager.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escalation survives the death of the writing process: a child JVM counts failures in a loop and
 * is killed with SIGKILL at random moments, repeatedly; after each kill the reopened database
 * passes {@code integrity_check} and holds every rvector increment whose commit had returned (the
 * child prints a value only after the call returned).
 *
 * <p>What this does not prove: durability against power loss or a kernel crash. A killed process's
 * writes are already in the kernel's page cache, so this test passes the same with {@code
 * synchronous=OFF}; it cannot tell whether anything reached the disk. That durability rests on WAL
 * with {@code synchronous=FULL} (asserted by {@link
 * SqliteDurabilityTest#theWriterCommitsWithSynchronousFullForeignKeysAndWal}) and is argued in the
 * README's "Storage durability" section.
 */
class SqliteCrashIT {
    private static final int ROUNDS = 15;

    @TempDir
    Path workDir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void everyReturnedCommitSurvivesASigkillOfTheWriter() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path stateDir = workDir.resolve("state");
        String java = ProcessHandle.current()
                .info()
                .command()
                .orElseThrow(() ->
                        new AssertionError("cannot tell which java runs this test, so cannot start the child JVM"));
        int lastPrintedEver = 0;
        List<String> rounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            int killAfterLines = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(80);
            Path stderr = workDir.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(
                            java,
                            "-XX:TieredStopAtLevel=1",
                            "-cp",
                            System.getProperty("java.class.path"),
                            CrashChild.class.getName(),
                            stateDir.toString(),
                            "round" + round)
                    .redirectError(stderr.toFile())
                    .start();
            int lastPrinted = -1;
            int lines = 0;
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
                // Kill through the handle: Process.destroyForcibly would also close our end of the
                // pipe, and the lines the child printed before dying must still be read.
                if (killAfterLines == 0) {
                    child.toHandle().destroyForcibly();
                }
                String line;
                while ((line = out.readLine()) != null) {
                    lastPrinted = Integer.parseInt(line.trim());
                    lines++;
                    if (lines == killAfterLines) {
                        child.toHandle().destroyForcibly();
                    }
                }
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(1, TimeUnit.MINUTES))
                        .as("child of round %d ended", round)
                        .isTrue();
            }
            assertThat(child.exitValue())
                    .as("round %d: the child was killed, not failed (stderr: %s)", round, Files.readString(stderr))
                    .isEqualTo(137);
            if (lastPrinted >= 0) {
                assertThat(lastPrinted)
                        .as("round %d continues where the last left", round)
                        .isGreaterThan(lastPrintedEver);
                lastPrintedEver = lastPrinted;
            }

            try (SqliteRecoveryStore store =
                    SqliteRecoveryStore.open(stateDir, Clock.systemUTC(), HistoryRetention.defaults())) {
                int stored = store.state(CrashChild.SERVICE).rvector();
                String context = "seed " + seed + ", round " + round + ", " + lines + " lines, last printed "
                        + lastPrintedEver + ", stored " + stored;
                rounds.add(context);
                assertThat(store.movedAside()).as(context).isEmpty();
                assertThat(store.integrityCheck()).as(context).isEqualTo("ok");
                assertThat(stored).as(context).isGreaterThanOrEqualTo(lastPrintedEver);
                assertThat(stored)
                        .as("%s: at most the one commit in flight when killed is unprinted", context)
                        .isLessThanOrEqualTo(lastPrintedEver + 1);
                lastPrintedEver = stored;
            }
        }
        System.out.println("SqliteCrashIT rounds:\n" + String.join("\n", rounds));
        assertThat(rounds).hasSize(ROUNDS);
        assertThat(lastPrintedEver).as("the children made progress").isPositive();
    }
}
