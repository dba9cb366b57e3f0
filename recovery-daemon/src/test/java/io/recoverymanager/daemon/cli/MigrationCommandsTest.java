package io.recoverymanager.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.daemon.cli.CliRunner.Result;
import io.recoverymanager.daemon.config.ConfigLoader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** convert and check for a user coming from the C implementation: its config, its leftovers. */
class MigrationCommandsTest {
    private static final String UNIT =
            """
            service = "echo.service"
            relax-time = "60s"

            [[action]]
            type = "restart-service"
            retry = 2
            reset = true

            [[action]]
            type = "disable-service"
            """;

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

    static String referenceConfig() throws Exception {
        try (InputStream in = MigrationCommandsTest.class.getResourceAsStream("/legacy/recoverymanager.conf.example")) {
            assertThat(in).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void convertTakesTheOldConfigByContentAndCheckConfigAcceptsTheResult() throws Exception {
        Path units = Files.createDirectory(tmp.resolve("units"));
        Files.writeString(units.resolve("echo.toml"), UNIT.replace("reset = true\n", ""));
        // the file name says nothing: the content makes it a configuration
        Path old = tmp.resolve("settings");
        Files.writeString(old, referenceConfig().replace("@config_dir@/recoverymanager", units.toString()));
        Path out = tmp.resolve("out");

        Result convert = run("convert", old.toString(), "--output", out.toString());
        assertThat(convert.exitCode()).as(convert.err()).isZero();
        Path converted = out.resolve("recoverymanager.toml");
        assertThat(Files.readString(converted))
                .contains("run-mode = \"master\"")
                .contains("platform-restart = [\"systemctl\", \"reboot\"]")
                .contains("units-dir = \"" + units + "\"");

        Result check = run("check", "--config", converted.toString());
        assertThat(check.exitCode()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).isEqualTo(converted + ": configuration valid\n1 unit valid\n");
    }

    @Test
    void convertRefusesTheUninstalledReferenceNamingKeyAndLine() throws Exception {
        Path old = tmp.resolve("recoverymanager.conf");
        Files.writeString(old, referenceConfig());
        Result r = run("convert", old.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.err()).contains(old + ":13: UnitsDirectory: \"@config_dir@/recoverymanager\" still holds");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void checkConfigExits66WhenTheFileIsMissingAnd78WithFileAndLineWhenItIsWrong() throws Exception {
        Result missing = run("check", "--config", tmp.resolve("nope.toml").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NO_INPUT);
        assertThat(missing.err()).contains(tmp.resolve("nope.toml") + ": no such file");

        Path bad = tmp.resolve("bad.toml");
        Files.writeString(bad, "run-mode = \"auto\"\nintegrity-check-delay = \"soon\"\n");
        Path units = Files.createDirectory(tmp.resolve("units"));
        Result wrong = run("check", "--config", bad.toString(), units.toString());
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.CONFIG);
        assertThat(wrong.err()).contains(bad + ":2: integrity-check-delay: \"soon\" must be a duration");
    }

    @Test
    void checkNamesOldUnitsLeftInADirectoryWithTheConvertCommandAndStillExits0() throws Exception {
        Path units = Files.createDirectory(tmp.resolve("units"));
        Files.writeString(units.resolve("echo.toml"), UNIT.replace("reset = true\n", ""));
        Files.writeString(units.resolve("old.recovery"), "<service relaxtime=\"5\">old.service</service>\n");
        Result r = run("check", units.toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out())
                .isEqualTo(units.resolve("old.recovery") + ": warning: a unit of the original C implementation, not"
                        + " read (only *.toml units are); convert it with: recoverymanager convert "
                        + units.resolve("old.recovery") + " --output " + units + "\n"
                        + "1 unit valid, 1 warning\n");
    }

    @Test
    void checkWarnsOfActionsThatCanNeverRunWithFileAndLine() throws Exception {
        Path unit = tmp.resolve("echo.toml");
        Files.writeString(unit, UNIT);
        Result r = run("check", unit.toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out())
                .isEqualTo(unit + ":6: warning: action[0].retry: only 1 of the 2 tries can run: reset = true returns"
                        + " the rvector to 0 right after the first\n"
                        + unit + ":9: warning: action[1]: disable-service can never run: action[0]"
                        + " (restart-service) has reset = true, which returns the rvector to 0 before this action is"
                        + " reached\n"
                        + "1 unit valid, 2 warnings\n");
    }
}
