package io.recoverymanager.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recoverymanager.core.model.HistoryEntry;
import io.recoverymanager.daemon.cli.CliRunner.Result;
import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.runtime.InstanceBoot;
import io.recoverymanager.testkit.InMemoryRecoveryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code explain} and {@code history --boot/--kind} over a history written across two boots. */
class ExplainCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String OLD_BOOT = "1111aaaa-kernel/old-instance";
    private static final String THIS_BOOT = "2222bbbb-kernel/this-instance";

    @TempDir
    Path tmp;

    private final InMemoryRecoveryStore store = new InMemoryRecoveryStore();
    private CliEnvironment env;

    @BeforeEach
    void setUp() throws Exception {
        Path runtime = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(runtime.resolve(InstanceBoot.FILE_NAME), "this-instance\n");
        Path config = tmp.resolve("rm.toml");
        Files.writeString(config, "runtime-dir = \"" + runtime + "\"\nstate-dir = \"" + tmp.resolve("state") + "\"\n");
        env = CliEnvironment.system()
                .withConfigLoader(new ConfigLoader(config))
                .withStoreOpener(c -> store)
                .withClock(Clock.fixed(NOW, ZoneId.of("Europe/Berlin")))
                .withHostname(() -> "host1")
                .withKernelBootId(() -> "2222bbbb-kernel");
        // the previous boot: echo fails three times, the third failure restarts the platform
        failure(-900, "echo.service", 1, OptionalInt.of(3), OptionalInt.empty(), "a1");
        row(-899, "echo.service", 1, "action", "restart-service", "request r1");
        row(-898, "echo.service", 1, "action-done", "restart-service", "restarted");
        failure(-600, "echo.service", 2, OptionalInt.empty(), OptionalInt.of(11), "a2");
        row(-599, "echo.service", 2, "action", "restart-service", "request r2");
        row(-598, "echo.service", 2, "action-done", "restart-service", "restarted");
        failure(-300, "echo.service", 3, OptionalInt.empty(), OptionalInt.of(9), "a3");
        row(-299, "echo.service", 3, "action", "restart-platform", "request r3");
        row(-299, "echo.service", 3, "action-started", "restart-platform", "running [systemctl, reboot]");
        row(-298, "echo.service", 3, "action-done", "restart-platform", "ran: exit 0");
        row(-298, "echo.service", 0, "meditation", "restart-platform", "after restart-platform ...");
        // a later, unrelated restart in the same boot: not the system action asked about
        failure(-200, "web.service", 1, OptionalInt.of(1), OptionalInt.empty(), "w1");
        row(-199, "web.service", 1, "action", "restart-service", "request w1");
        // this boot
        store.appendHistory(new HistoryEntry(
                NOW.minusSeconds(60),
                "web.service",
                "host1",
                1,
                "failure",
                "",
                "result=exit-code status=2",
                OptionalInt.of(2),
                OptionalInt.empty(),
                "",
                THIS_BOOT));
        store.appendHistory(new HistoryEntry(
                        NOW.minusSeconds(59), "web.service", "host1", 1, "action", "restart-service", "request w2")
                .withBootId(THIS_BOOT));
    }

    private void failure(int second, String service, int rvector, OptionalInt status, OptionalInt signal, String inv) {
        String detail = signal.isPresent() ? "result=signal signal=" + signal.getAsInt() : "result=exit-code";
        store.appendHistory(new HistoryEntry(
                NOW.plusSeconds(second),
                service,
                "host1",
                rvector,
                "failure",
                "",
                detail,
                status,
                signal,
                inv + "00000000000000000000000000000",
                OLD_BOOT));
    }

    private void row(int second, String service, int rvector, String kind, String action, String detail) {
        store.appendHistory(new HistoryEntry(NOW.plusSeconds(second), service, "host1", rvector, kind, action, detail)
                .withBootId(OLD_BOOT));
    }

    private Result run(String... args) {
        return CliRunner.run(env, args);
    }

    @Test
    void withoutAServiceTheMostRecentSystemActionIsExplainedWithItsChain() {
        Result r = run("explain");

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("System action: restart-platform for echo.service (context host1)")
                .contains("When: Wed 2026-11-25 10:55:01 CET; 4min 59s ago")
                .contains("Run by: this instance (host1)")
                .contains("Boot: " + OLD_BOOT)
                .contains("Outcome: done: ran: exit 0; host1 meditates until its next boot")
                .contains("The 3 failures that led there:")
                .contains("Wed 2026-11-25 10:45:00 CET  echo.service failed: result=exit-code, status=3, invocation a1")
                .contains("result=signal, signal=SEGV")
                .contains("result=signal, signal=KILL")
                .contains("rvector 3 -> restart-platform, run by this instance (host1): done: ran: exit 0")
                .doesNotContain("web.service");
    }

    @Test
    void theJsonNamesEveryStepWithIsoTimes() throws Exception {
        JsonNode json = new ObjectMapper().readTree(run("explain", "--json").out());

        assertThat(json.get("found").asBoolean()).isTrue();
        assertThat(json.get("action").asText()).isEqualTo("restart-platform");
        assertThat(json.get("system_level").asBoolean()).isTrue();
        assertThat(json.get("run_by").asText()).isEqualTo("this-instance");
        assertThat(json.get("time").asText()).isEqualTo("2026-11-25T09:55:01Z");
        assertThat(json.get("meditation").asBoolean()).isTrue();
        JsonNode chain = json.get("chain");
        assertThat(chain).hasSize(3);
        assertThat(chain.get(0).get("exit_status").asInt()).isEqualTo(3);
        assertThat(chain.get(0).get("signal").isNull()).isTrue();
        assertThat(chain.get(2).get("signal").asInt()).isEqualTo(9);
        assertThat(chain.get(2).get("rvector").asInt()).isEqualTo(3);
        assertThat(chain.get(2).get("action").asText()).isEqualTo("restart-platform");
        assertThat(chain.get(1).get("outcome").asText()).isEqualTo("done: restarted");
        assertThat(chain.get(0).get("invocation_id").asText()).startsWith("a1");
    }

    @Test
    void aServiceOrABootNarrowsWhatIsExplained() {
        assertThat(run("explain", "web.service").out())
                .contains("Action: restart-service for web.service")
                .contains("Boot: " + THIS_BOOT)
                .contains("result=exit-code, status=2");
        assertThat(run("explain", "--boot", "0").out()).contains("Action: restart-service for web.service");
        Result previous = run("explain", "--boot", "-1");
        assertThat(previous.out()).as(previous.err()).contains("System action: restart-platform");
        assertThat(run("explain", "--boot", "1111aaaa").out()).contains("System action: restart-platform");
        assertThat(run("explain", "nothing.service").out()).isEqualTo("no recovery action in the history to explain\n");
    }

    @Test
    void historyFiltersByBootAndKind() {
        assertThat(run("history", "--boot", "0").out()).contains("web.service").doesNotContain("echo.service");
        assertThat(run("history", "--boot", "-1", "--kind", "failure", "--service", "echo.service")
                        .out())
                .contains("result=signal signal=9")
                .doesNotContain("restart-platform");
        assertThat(run("history", "--kind", "meditation,action-started").out())
                .contains("meditation")
                .contains("action-started")
                .doesNotContain("failure");
    }

    @Test
    void aBootThatDoesNotExistIsAUsageErrorNamingTheBoots() {
        Result r = run("explain", "--boot", "-5");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--boot -5: no such boot; the history knows 2 boot(s)");
        Result unknown = run("history", "--boot", "ffff");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("--boot ffff: no boot with this id");
        assertThat(run("history", "--kind", "Bad Kind").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
