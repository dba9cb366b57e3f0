package io.recoverymanager.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.core.model.Meditation;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.store.UnitSync;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.daemon.cli.CliRunner.Result;
import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import io.recoverymanager.testkit.UnitBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusHistoryCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path tmp;

    private final InMemoryRecoveryStore store = new InMemoryRecoveryStore();
    private CliEnvironment env;

    @BeforeEach
    void setUp() {
        env = CliEnvironment.system()
                .withConfigLoader(new ConfigLoader(tmp.resolve("absent.toml")))
                .withStoreOpener(config -> store)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withHostname(() -> "host1");
        UnitSync.sync(
                store,
                UnitCatalog.of(List.of(
                        UnitBuilder.forService("echo.service")
                                .action(ActionType.RESTART_SERVICE, 3)
                                .action(ActionType.RESET_PUBLIC_DATA)
                                .publicData("/var/lib/echo/public")
                                .build(),
                        UnitBuilder.forService("idle.service")
                                .action(ActionType.RESTART_SERVICE)
                                .build(),
                        UnitBuilder.forService("getty@.service")
                                .action(ActionType.RESTART_SERVICE)
                                .build())));
    }

    private void escalate() {
        store.countFailure("echo.service", "f1", NOW.minusSeconds(300));
        store.countFailure("echo.service", "f2", NOW.minusSeconds(120));
        store.armRelax("echo.service", 2, NOW.plusSeconds(120));
        store.countFailure("getty@tty1.service", "g1", NOW.minusSeconds(60));
        store.armRelax("getty@tty1.service", 1, NOW.plusSeconds(60)); // exhausted, still relaxing
    }

    private Result run(String... args) {
        return CliRunner.run(env, args);
    }

    @Test
    void statusJsonHasExactlyTheDocumentedShape() {
        escalate();
        Result r = run("status", "--json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .isEqualToIgnoringNewLines(
                        """
                        {
                          "context" : "host1",
                          "mode" : "auto",
                          "services" : [ {
                            "service" : "echo.service",
                            "rvector" : 2,
                            "next_action" : "restart-service",
                            "exhausted" : false,
                            "recovers_at" : null,
                            "relax_deadline" : "2026-11-25T10:02:00Z",
                            "last_failure" : "2026-11-25T09:58:00Z",
                            "held" : null
                          }, {
                            "service" : "getty@tty1.service",
                            "rvector" : 1,
                            "next_action" : null,
                            "exhausted" : true,
                            "recovers_at" : "2026-11-25T10:01:00Z",
                            "relax_deadline" : "2026-11-25T10:01:00Z",
                            "last_failure" : "2026-11-25T09:59:00Z",
                            "held" : null
                          }, {
                            "service" : "idle.service",
                            "rvector" : 0,
                            "next_action" : "restart-service",
                            "exhausted" : false,
                            "recovers_at" : null,
                            "relax_deadline" : null,
                            "last_failure" : null,
                            "held" : null
                          } ]
                        }
                        """);
    }

    @Test
    void statusNextActionFollowsTheLadder() {
        store.countFailure("echo.service", "f1", NOW);
        store.countFailure("echo.service", "f2", NOW);
        store.countFailure("echo.service", "f3", NOW);
        assertThat(run("status", "--json").out()).contains("\"next_action\" : \"reset-public-data\"");
        store.countFailure("echo.service", "f4", NOW);
        assertThat(run("status", "--json").out())
                .contains("\"rvector\" : 4,\n    \"next_action\" : null,\n    \"exhausted\" : true");
    }

    @Test
    void statusTextShowsMeditationModeContextAndUnitHash() {
        escalate();
        store.enterMeditation(new Meditation("host1", "boot-1", "echo.service", ActionType.RESTART_CONTEXT, NOW));
        String hash = store.units().stream()
                .filter(u -> u.unit().service().equals("echo.service"))
                .findFirst()
                .orElseThrow()
                .hash()
                .substring(0, 12);
        Result r = run("status", "--mode", "primary");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .startsWith("context: host1   mode: master\nmeditation: since Wed 2026-11-25 10:00:00 UTC; now after"
                        + " restart-context for echo.service (no actions until the next boot)\n")
                .containsPattern("SERVICE +RVECTOR +NEXT ACTION +RELAX DEADLINE +LAST FAILURE +UNIT")
                .containsPattern("echo.service +2 +restart-service +Wed 2026-11-25 10:02:00 UTC; 2min left"
                        + " +Wed 2026-11-25 09:58:00 UTC; 2min ago +" + hash)
                .containsPattern("getty@tty1.service +1 +exhausted, recovers at Wed 2026-11-25 10:01:00 UTC"
                        + " +Wed 2026-11-25 10:01:00 UTC; 1min left +Wed 2026-11-25 09:59:00 UTC; 1min ago");
        assertThat(r.out()).containsPattern("idle.service +0 +restart-service +- +-");
    }

    @Test
    void statusShowsTheModeARunningDaemonDecided() throws Exception {
        Path runtime = java.nio.file.Files.createDirectories(tmp.resolve("run"));
        java.nio.file.Files.writeString(runtime.resolve("run-mode"), "slave (running in a container: docker)\n");

        String out =
                run("status", "--json", "--runtime-dir", runtime.toString()).out();

        assertThat(out).contains("\"mode\" : \"slave (running in a container: docker)\"");
        assertThat(run("status", "--json", "--runtime-dir", tmp.resolve("none").toString())
                        .out())
                .contains("\"mode\" : \"auto\"");
    }

    @Test
    void statusUsesTheConfiguredContext() throws Exception {
        Path config = tmp.resolve("rm.toml");
        java.nio.file.Files.writeString(config, "context = \"box7\"\n");
        assertThat(run("status", "--json", "--config", config.toString()).out()).contains("\"context\" : \"box7\"");
    }

    @Test
    void aCloseableStoreIsClosedAfterUse() {
        AtomicInteger closed = new AtomicInteger();
        class ClosingStore extends ForwardingStore implements AutoCloseable {
            ClosingStore(RecoveryStore delegate) {
                super(delegate);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        }
        env = env.withStoreOpener(config -> new ClosingStore(store));
        assertThat(run("status").exitCode()).isZero();
        assertThat(run("history").exitCode()).isZero();
        assertThat(closed).hasValue(2);
    }

    @Test
    void storeOpenerNotWiredIsReported() {
        env = env.withStoreOpener(StoreOpener.notWired());
        Result r = run("status");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(r.err()).isEqualTo("recoverymanager status: reading the state database is not wired yet\n");
    }

    private void history() {
        store.appendHistory(new HistoryEntry(
                NOW.minusSeconds(7200), "echo.service", "host1", 1, "failure", "", "result=exit-code"));
        store.appendHistory(new HistoryEntry(
                NOW.minusSeconds(7199), "echo.service", "host1", 1, "action", "restart-service", "request r1"));
        store.appendHistory(
                new HistoryEntry(NOW.minusSeconds(600), "idle.service", "host1", 1, "failure", "", "result=signal"));
        store.appendHistory(new HistoryEntry(
                NOW.minusSeconds(60),
                "echo.service",
                "host1",
                0,
                "recovered",
                "",
                "no failure during the relax time; rvector 1 -> 0"));
    }

    @Test
    void historyJsonHasExactlyTheDocumentedShape() {
        history();
        Result r = run("history", "--json", "--limit", "2");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .isEqualToIgnoringNewLines(
                        """
                        [ {
                          "time" : "2026-11-25T09:50:00Z",
                          "service" : "idle.service",
                          "context" : "host1",
                          "rvector" : 1,
                          "kind" : "failure",
                          "action" : "",
                          "detail" : "result=signal",
                          "exit_status" : null,
                          "signal" : null,
                          "invocation_id" : "",
                          "boot_id" : ""
                        }, {
                          "time" : "2026-11-25T09:59:00Z",
                          "service" : "echo.service",
                          "context" : "host1",
                          "rvector" : 0,
                          "kind" : "recovered",
                          "action" : "",
                          "detail" : "no failure during the relax time; rvector 1 -> 0",
                          "exit_status" : null,
                          "signal" : null,
                          "invocation_id" : "",
                          "boot_id" : ""
                        } ]
                        """);
    }

    @Test
    void historyFiltersByServiceAndSince() {
        history();
        assertThat(run("history", "--service", "echo.service").out())
                .contains("2026-11-25 08:00:00 UTC", "2026-11-25 08:00:01 UTC", "2026-11-25 09:59:00 UTC")
                .doesNotContain("idle.service");
        assertThat(run("history", "--since", "1h").out())
                .contains("2026-11-25 09:50:00 UTC", "2026-11-25 09:59:00 UTC")
                .doesNotContain("2026-11-25 08:00");
        assertThat(run("history", "--since", "2026-11-25T09:55:00Z").out())
                .contains("2026-11-25 09:59:00 UTC")
                .doesNotContain("09:50:00");
        assertThat(run("history", "--since", "2026-11-25 09:55").out()).doesNotContain("09:50:00");
    }

    @Test
    void historyTextIsATableWithLocalTimesAndAges() {
        history();
        assertThat(run("history").out())
                .startsWith(
                        "TIME                         AGE           SERVICE       CONTEXT  RVECTOR  KIND       ACTION"
                                + "           DETAIL\n"
                                + "Wed 2026-11-25 08:00:00 UTC  2h ago        echo.service  host1    1        failure    -"
                                + "                result=exit-code\n"
                                + "Wed 2026-11-25 08:00:01 UTC  1h 59min ago  echo.service")
                .contains("Wed 2026-11-25 09:59:00 UTC  1min ago");
        store.appendHistory(new HistoryEntry(NOW, "", "host1", 0, "meditation", "restart-context", "x"));
        assertThat(run("history", "--service", "nothing.service").out()).isEqualTo("no history entries\n");
    }

    @Test
    void badHistoryOptionsAreUsageErrors() {
        Result since = run("history", "--since", "yesterday-ish");
        assertThat(since.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(since.err()).contains("--since 'yesterday-ish' is neither a duration");
        assertThat(run("history", "--limit", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("history", "--limit", "many").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void sinceParsing() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.ofHours(2));
        assertThat(HistoryCommand.parseSince("30m", clock)).isEqualTo(NOW.minusSeconds(1800));
        assertThat(HistoryCommand.parseSince("90", clock)).isEqualTo(NOW.minusSeconds(90));
        assertThat(HistoryCommand.parseSince("7d", clock)).isEqualTo(NOW.minusSeconds(7 * 86400));
        assertThat(HistoryCommand.parseSince("2026-11-25T09:00:00+01:00", clock))
                .isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
        assertThat(HistoryCommand.parseSince("2026-11-25T12:00", clock))
                .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(HistoryCommand.parseSince("2026-11-25", clock)).isEqualTo(Instant.parse("2026-11-24T22:00:00Z"));
    }
}
