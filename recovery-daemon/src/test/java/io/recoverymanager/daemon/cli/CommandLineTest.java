package io.recoverymanager.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.daemon.cli.CliRunner.Result;
import io.recoverymanager.daemon.config.ConfigLoader;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.control.ControlHandler;
import io.recoverymanager.daemon.control.ControlServer;
import io.recoverymanager.dispatch.RunMode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path tmp;

    private CliEnvironment env;

    @BeforeEach
    void setUp() {
        env = CliEnvironment.system().withConfigLoader(new ConfigLoader(tmp.resolve("absent.toml")));
    }

    private Result run(String... args) {
        return CliRunner.run(env, args);
    }

    @Test
    void everySubcommandExistsAndHasHelp() {
        for (String command : List.of(
                "run",
                "check",
                "simulate",
                "status",
                "history",
                "explain",
                "reset",
                "report-crash",
                "convert",
                "demo")) {
            Result r = run(command, "--help");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).startsWith("Usage: recoverymanager " + command);
        }
    }

    @Test
    void aCommandLineThatNamesASubcommandBuildsOnlyThatOne() {
        assertThat(RecoveryManagerCommand.commandLineFor(env, "run", "--config", "x.toml")
                        .getSubcommands()
                        .keySet())
                .containsExactly("run");
        assertThat(RecoveryManagerCommand.commandLineFor(env, "report-crash")
                        .getSubcommands()
                        .keySet())
                .containsExactly("report-crash");
        List<String> all = List.of(
                "run", "check", "simulate", "status", "history", "explain", "reset", "report-crash", "convert", "demo");
        assertThat(RecoveryManagerCommand.commandLineFor(env).getSubcommands().keySet())
                .containsExactlyElementsOf(all);
        assertThat(RecoveryManagerCommand.commandLineFor(env, "--help")
                        .getSubcommands()
                        .keySet())
                .containsExactlyElementsOf(all);
        assertThat(RecoveryManagerCommand.commandLineFor(env, "rnu")
                        .getSubcommands()
                        .keySet())
                .containsExactlyElementsOf(all);
    }

    @Test
    void aMistypedSubcommandIsSuggestedFromAllOfThem() {
        Result r = run("statsu");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("status");
    }

    @Test
    void noSubcommandPrintsUsageAndIsAUsageError() {
        Result r = run();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("Usage: recoverymanager");
    }

    @Test
    void usageErrorsExit64() {
        Result unknown = run("frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("Unmatched argument at index 0: 'frobnicate'");
        assertThat(run("simulate", "unit.toml").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("simulate", "unit.toml", "--failures", "3", "--interval", "soon")
                        .err())
                .contains("'soon' is not a duration");
        Result mode = run("status", "--mode", "leader");
        assertThat(mode.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(mode.err()).contains("'leader' is not one of auto, master, slave");
        assertThat(run("status", "--bus", "session bus").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("report-crash").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("reset").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aBadConfigFileExits78ListingEveryError() throws Exception {
        Path config = tmp.resolve("rm.toml");
        Files.writeString(config, "run-mode = \"boss\"\n[ipc]\ntimeout = \"x\"\n");
        Result r = run("run", "--config", config.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.err())
                .isEqualTo("recoverymanager run: " + config + ":1: run-mode: \"boss\" must be one of auto, master,"
                        + " slave (aliases: primary, replica, client)\n"
                        + "recoverymanager run: " + config + ":3: ipc.timeout: \"x\" must be a duration such as"
                        + " \"500ms\", \"30s\", \"5m\", \"1h\", \"30d\" or integer seconds\n");
        Result missing = run("status", "--config", tmp.resolve("nope.toml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(missing.err()).contains("nope.toml: no such file");
    }

    @Test
    void aLauncherThatIsNotWiredSaysSoWithExit70() {
        env = env.withLauncher(DaemonLauncher.notWired());
        Result r = run("run");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(r.err()).isEqualTo("recoverymanager run: not wired yet\n");
        Result d = run("demo", "--simulated");
        assertThat(d.exitCode()).isEqualTo(ExitCodes.SOFTWARE);
        assertThat(d.err()).isEqualTo("recoverymanager demo: not wired yet\n");
    }

    @Test
    void theDemoGetsItsFlag() {
        AtomicReference<Boolean> simulated = new AtomicReference<>();
        env = env.withLauncher(new DaemonLauncher() {
            @Override
            public int run(DaemonConfig config, PrintWriter out, PrintWriter err) {
                return 1;
            }

            @Override
            public int demo(DaemonConfig config, boolean simulatedOnly, PrintWriter out, PrintWriter err) {
                simulated.set(simulatedOnly);
                return 0;
            }
        });
        assertThat(run("demo", "--simulated").exitCode()).isZero();
        assertThat(simulated.get()).isTrue();
        assertThat(run("demo").exitCode()).isZero();
        assertThat(simulated.get()).isFalse();
    }

    @Test
    void runGetsTheConfigurationWithOverridesApplied() throws Exception {
        Path config = tmp.resolve("rm.toml");
        Files.writeString(config, "run-mode = \"slave\"\nunits-dir = \"/srv/units\"\n");
        AtomicReference<DaemonConfig> seen = new AtomicReference<>();
        env = env.withLauncher(new DaemonLauncher() {
            @Override
            public int run(DaemonConfig config, PrintWriter out, PrintWriter err) {
                seen.set(config);
                return 0;
            }

            @Override
            public int demo(DaemonConfig config, boolean simulatedOnly, PrintWriter out, PrintWriter err) {
                return 0;
            }
        });
        Result r = run(
                "run",
                "--config",
                config.toString(),
                "--mode",
                "primary",
                "--state-dir",
                "rel/state",
                "--runtime-dir",
                "/run/x",
                "--bus",
                "user",
                "--units-dir",
                "/u");
        assertThat(r.exitCode()).isZero();
        DaemonConfig c = seen.get();
        assertThat(c.runMode()).isEqualTo(RunMode.MASTER);
        assertThat(c.unitsDir()).isEqualTo(Path.of("/u"));
        assertThat(c.stateDir()).isEqualTo(Path.of("rel/state").toAbsolutePath());
        assertThat(c.runtimeDir()).isEqualTo(Path.of("/run/x"));
        assertThat(c.bus().toString()).isEqualTo("user");
    }

    @Test
    void resetAndReportCrashTalkToTheRunningDaemon() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        ControlHandler handler = new ControlHandler() {
            @Override
            public CompletionStage<Integer> reset(String service) {
                calls.add("reset " + service);
                return service.equals("nounit.service")
                        ? CompletableFuture.failedFuture(new IllegalArgumentException("no unit for nounit.service"))
                        : CompletableFuture.completedFuture(4);
            }

            @Override
            public void processCrashed(Optional<String> context, String process) {
                calls.add("crash " + process + " " + context.orElse("-"));
            }
        };
        Path runtime = tmp.resolve("run");
        try (ControlServer server =
                new ControlServer(runtime.resolve("control.sock"), handler, List.of(0), Duration.ofSeconds(5))) {
            server.start();
            Result reset = run("reset", "echo.service", "--runtime-dir", runtime.toString());
            assertThat(reset.exitCode()).isZero();
            assertThat(reset.out()).isEqualTo("echo.service: rvector 4 -> 0\n");

            Result crash = run(
                    "report-crash",
                    "--process",
                    "dummyd",
                    "--context",
                    "container1",
                    "--runtime-dir",
                    runtime.toString());
            assertThat(crash.exitCode()).isZero();
            assertThat(crash.out()).isEqualTo("reported crash of dummyd in container1\n");

            Result refused = run("reset", "nounit.service", "--runtime-dir", runtime.toString());
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
            assertThat(refused.err())
                    .isEqualTo("recoverymanager reset: the daemon refused: no unit for nounit.service\n");

            Result badName = run("reset", "echo", "--runtime-dir", runtime.toString());
            assertThat(badName.exitCode()).isEqualTo(ExitCodes.USAGE);
        }
        assertThat(calls).containsExactly("reset echo.service", "crash dummyd container1", "reset nounit.service");
    }

    @Test
    void controlCommandsWithoutDaemonExit69() {
        Result reset = run("reset", "echo.service", "--runtime-dir", tmp.toString());
        assertThat(reset.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(reset.err())
                .isEqualTo("recoverymanager reset: the daemon is not running: no control socket at "
                        + tmp.resolve("control.sock") + " (is recoverymanager.service active?)\n");
        assertThat(run("report-crash", "--process", "p", "--runtime-dir", tmp.toString())
                        .exitCode())
                .isEqualTo(ExitCodes.UNAVAILABLE);
    }

    @Test
    void convertWritesTomlFilesIntoTheOutputDirectory() throws Exception {
        Path in1 = tmp.resolve("echos1.recovery");
        Path in2 = tmp.resolve("sample.recovery");
        Files.writeString(in1, fixture("echos1.recovery"));
        Files.writeString(in2, fixture("sample.recovery"));
        Path out = tmp.resolve("units");
        Result r = run("convert", in1.toString(), in2.toString(), "--output", out.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .isEqualTo(in1 + " -> " + out.resolve("echos1.toml") + "\n" + in2 + " -> " + out.resolve("sample.toml")
                        + "\n");
        assertThat(Files.readString(out.resolve("echos1.toml"))).contains("service = \"echos1.service\"");
        assertThat(Files.readString(out.resolve("sample.toml"))).contains("service = \"sample.service\"");

        Result again = run("convert", in1.toString(), "--output", out.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(again.err()).contains(out.resolve("echos1.toml") + ": exists; not overwritten (use --force)");
        assertThat(run("convert", in1.toString(), "--output", out.toString(), "--force")
                        .exitCode())
                .isZero();
    }

    @Test
    void convertPrintsASingleFileAndReportsBadOnes() throws Exception {
        Path good = tmp.resolve("echos2.recovery");
        Files.writeString(good, fixture("echos2.recovery"));
        Result r = run("convert", good.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("# Converted by `recoverymanager convert` from " + good + "\nservice = ");

        Path bad = tmp.resolve("bad.recovery");
        Files.writeString(bad, "<service relaxtime=\"1\">b.service</service>\n<actions><action type=\"x\"/></actions>");
        Result failed = run(
                "convert",
                bad.toString(),
                good.toString(),
                "--output",
                tmp.resolve("o").toString());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(failed.err())
                .startsWith(bad + ":2: action[1] type: unknown action type \"x\"")
                .endsWith("1 of 2 file(s) not converted\n");
        assertThat(tmp.resolve("o/echos2.toml")).exists();
        assertThat(tmp.resolve("o/bad.toml")).doesNotExist();

        assertThat(run("convert", good.toString(), bad.toString()).exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run("convert", tmp.resolve("none.recovery").toString()).exitCode())
                .isEqualTo(ExitCodes.DATA_ERROR);
    }

    @Test
    void convertRefusesAResultTheUnitParserRejects() throws Exception {
        Path old = tmp.resolve("risky.recovery");
        Files.writeString(
                old,
                "<service relaxtime=\"10\">risky.service</service>\n<publicdata>/var</publicdata>\n"
                        + "<actions><action type=\"resetPublicData\"/></actions>\n");
        Result r = run("convert", old.toString(), "--output", tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.err())
                .startsWith(old + ": converted, but the result is not a valid unit:\n  ")
                .contains("public-data");
        assertThat(tmp.resolve("out/risky.toml")).doesNotExist();
    }

    private static String fixture(String name) throws Exception {
        try (var in = CommandLineTest.class.getResourceAsStream("/legacy/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
