package io.recoverymanager.daemon.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.HistoryQuery;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.testkit.sandbox.SystemdSandbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random kill -9 of the packaged daemon while it handles a storm of failing services. Each service
 * fails on its first three starts of a round and runs from the fourth; its ladder is
 * restart-service, reset-public-data (a configured command that logs every run), restart-service.
 * Rounds repeat until the number of kills is reached. At the end: every service runs, no failure
 * was counted twice (rvector at most 3 per round; relax-time is long), no pending action is left,
 * and every data reset ran at most once and never without its history row.
 *
 * <p>CI runs a modest storm; {@code bench/kill-storm.sh} runs the same test with more kills through
 * the environment ({@code RMGR_KILL_STORM_KILLS}, {@code RMGR_KILL_STORM_SERVICES},
 * {@code RMGR_KILL_STORM_SEED}) and prints the figures written to {@code target/kill-storm.txt}.
 */
class KillStormIT {
    private static final int FAILING_STARTS = 3;

    @TempDir
    Path tmp;

    @Test
    void killsDuringAStormLoseNothingAndRunNoDestructiveActionTwice() throws Exception {
        int kills = envInt("RMGR_KILL_STORM_KILLS", 10);
        int count = envInt("RMGR_KILL_STORM_SERVICES", 30);
        long seed = envInt("RMGR_KILL_STORM_SEED", (int) System.nanoTime());
        Random random = new Random(seed);
        List<String> services = IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format("storm%02d.service", i))
                .toList();
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path resets = work.resolve("resets.log");
        Path script = Files.writeString(
                work.resolve("svc.sh"),
                "f=" + work + "/$1.count\n"
                        // one appended line per start: a start killed mid-write cannot reset the count
                        + "echo x >> \"$f\"; n=$(wc -l < \"$f\")\n"
                        + "[ \"$n\" -gt " + FAILING_STARTS + " ] && exec sleep infinity\n"
                        + "exit 3\n");
        Path resetScript = Files.writeString(work.resolve("reset.sh"), "echo \"$1\" >> " + resets + "\n");
        long started = System.nanoTime();
        int killed = 0;
        int rounds = 0;
        try (SystemdSandbox systemd = SystemdSandbox.start();
                PackagedDaemon daemon = PackagedDaemon.in(tmp.resolve("daemon"))
                        .sandbox(systemd)
                        .section("[commands]\npublic-data-reset = [\"/bin/sh\", \"" + resetScript
                                + "\", \"${service}\"]")
                        .create()) {
            for (String service : services) {
                systemd.writeVendorUnit(
                        service, "[Unit]\nStartLimitIntervalSec=0\n[Service]\nExecStart=/bin/sh " + script + " %n\n");
                Path data = Files.createDirectories(work.resolve("data").resolve(service));
                daemon.writeUnit(
                        service + ".toml",
                        "service = \"" + service + "\"\nrelax-time = \"1h\"\npublic-data = \"" + data + "\"\n"
                                + "[[action]]\ntype = \"restart-service\"\n"
                                + "[[action]]\ntype = \"reset-public-data\"\n"
                                + "[[action]]\ntype = \"restart-service\"\nretry = 1000\n");
            }
            systemd.daemonReload();
            daemon.start().awaitReady();
            List<String> restartAll = new ArrayList<>(List.of("restart", "--no-block"));
            restartAll.addAll(services);
            while (killed < kills) {
                // A round: every service fails on its next three starts again.
                rounds++;
                for (String service : services) {
                    Files.deleteIfExists(work.resolve(service + ".count"));
                }
                systemd.systemctl(restartAll.toArray(String[]::new)).orThrow();
                do {
                    // Kill after a random number of engine events of this start (or once all run).
                    int events = 1 + random.nextInt(12);
                    int offset = daemon.log().length();
                    daemon.await(
                            () -> countEvents(daemon.log().substring(offset)) >= events || allActive(systemd, services),
                            Duration.ofSeconds(180),
                            "the daemon handled " + events + " events");
                    daemon.kill9();
                    killed++;
                    daemon.start().awaitReady();
                } while (!allActive(systemd, services) && killed < kills);
            }
            daemon.await(() -> allActive(systemd, services), Duration.ofSeconds(300), "every service running");
            daemon.await(() -> CrashConsistencyIT.pendingActions(daemon) == 0, "no pending action left");

            Map<String, Long> resetRuns;
            try (var lines = Files.exists(resets)
                    ? Files.lines(resets, StandardCharsets.UTF_8)
                    : java.util.stream.Stream.<String>empty()) {
                resetRuns = lines.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            }
            List<Integer> rvectors = new ArrayList<>();
            try (SqliteRecoveryStore store = SqliteRecoveryStore.openReadOnly(daemon.stateDir())) {
                List<HistoryEntry> history = store.history(HistoryQuery.all(1_000_000));
                for (String service : services) {
                    int rvector = store.state(service).rvector();
                    rvectors.add(rvector);
                    assertThat(rvector)
                            .as(() -> service + " counted at most once per failure; its log:\n"
                                    + daemon.log()
                                            .lines()
                                            .filter(l -> l.contains(service) || l.startsWith("----"))
                                            .collect(Collectors.joining("\n")))
                            .isBetween(1, FAILING_STARTS * rounds);
                    long runs = resetRuns.getOrDefault(service, 0L);
                    assertThat(runs).as("data resets of " + service).isLessThanOrEqualTo(1);
                    if (runs == 1) {
                        assertThat(history)
                                .as("history row of the data reset of " + service)
                                .anyMatch(e -> e.service().equals(service)
                                        && e.kind().equals("action-started")
                                        && e.action().equals("reset-public-data"));
                    }
                }
            }
            String figures = String.format(
                    "kill-storm: seed=%d services=%d rounds=%d kills=%d seconds=%.1f all-running=yes pending=0"
                            + " failures=%d counted=%d data-resets-run=%d (max 1 per service, each with its"
                            + " history row)%n",
                    seed,
                    count,
                    rounds,
                    killed,
                    (System.nanoTime() - started) / 1e9,
                    (long) FAILING_STARTS * rounds * count,
                    rvectors.stream().mapToLong(Integer::longValue).sum(),
                    resetRuns.values().stream().mapToLong(Long::longValue).sum());
            System.out.print(figures);
            Files.writeString(
                    Path.of("target", "kill-storm.txt"),
                    figures,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            assertThat(killed).isPositive();
        }
    }

    private static int countEvents(String log) {
        int n = 0;
        for (int at = log.indexOf("rvector="); at >= 0; at = log.indexOf("rvector=", at + 1)) {
            n++;
        }
        return n;
    }

    private static boolean allActive(SystemdSandbox systemd, List<String> services) {
        List<String> args = new ArrayList<>(List.of("is-active"));
        args.addAll(services);
        return systemd.systemctl(args.toArray(String[]::new)).exitCode() == 0;
    }

    private static int envInt(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
