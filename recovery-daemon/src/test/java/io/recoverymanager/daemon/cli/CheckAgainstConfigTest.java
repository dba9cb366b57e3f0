package io.recoverymanager.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recoverymanager.daemon.cli.CliRunner.Result;
import io.recoverymanager.daemon.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} checks everything it is given (issue 13.8): the config file given, the units
 * against that config, {@code --json}; and the vendor layer under the operator's units (13.10).
 */
class CheckAgainstConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CliEnvironment env;
    private Path units;
    private Path vendor;
    private Path config;

    @BeforeEach
    void setUp() throws Exception {
        env = CliEnvironment.system().withConfigLoader(new ConfigLoader(tmp.resolve("absent.toml")));
        units = Files.createDirectory(tmp.resolve("units"));
        vendor = Files.createDirectory(tmp.resolve("vendor"));
        config = tmp.resolve("recoverymanager.toml");
        Files.writeString(
                config,
                "units-dir = \"" + units + "\"\nvendor-units-dir = \"" + vendor + "\"\nstate-dir = \""
                        + tmp.resolve("state") + "\"\nruntime-dir = \"" + tmp.resolve("run") + "\"\n");
    }

    private Result run(String... args) {
        return CliRunner.run(env, args);
    }

    private static String unit(String service, String extra, String action) {
        return "service = \"" + service + "\"\nrelax-time = \"60s\"\n" + extra + "[[action]]\ntype = \"" + action
                + "\"\n";
    }

    @Test
    void unitsAreCheckedAgainstTheConfigGivenWithTheLineOfEachProblem() throws Exception {
        // valid units on their own, but this config makes them unrunnable
        Files.writeString(units.resolve("wipe.toml"), unit("wipe.service", "", "factory-reset"));
        Files.writeString(
                units.resolve("data.toml"),
                unit("data.service", "public-data = \"" + tmp.resolve("state/data") + "\"\n", "reset-public-data"));
        Files.writeString(units.resolve("fine.toml"), unit("fine.service", "", "restart-platform"));

        Result r = run("check", "--config", config.toString(), units.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCodes.INVALID_UNITS);
        assertThat(r.out())
                .contains(config + ": configuration valid")
                .contains(units.resolve("wipe.toml") + ":4: action[0].type: factory-reset is refused at run time: "
                        + config + " sets no [commands] factory-reset")
                .contains(units.resolve("data.toml") + ":3: public-data: a reset would be refused:")
                .contains("2 of 3 units invalid, 2 errors");
        assertThat(r.out()).doesNotContain("fine.toml");
    }

    @Test
    void aBudgetThatAllowsNoneIsAWarning() throws Exception {
        Files.writeString(
                units.resolve("boot.toml"),
                unit("boot.service", "[budget]\nrestart-platform = 0\n", "restart-platform"));

        Result r = run("check", "--config", config.toString(), units.toString());

        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out())
                .contains("boot.toml:6: warning: action[0].type: restart-platform can never run: its budget allows"
                        + " none ([budget] of this unit)")
                .contains("1 unit valid, 1 warning");
    }

    @Test
    void jsonHoldsEveryFindingInOneObject() throws Exception {
        Files.writeString(units.resolve("wipe.toml"), unit("wipe.service", "", "factory-reset"));
        Files.writeString(units.resolve("old.recovery"), "<unit/>");

        Result r = run("check", "--config", config.toString(), units.toString(), "--json");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_UNITS);
        JsonNode o = JSON.readTree(r.out());
        assertThat(o.get("valid").asBoolean()).isFalse();
        assertThat(o.get("exit_code").asInt()).isEqualTo(ExitCodes.INVALID_UNITS);
        assertThat(o.get("config").get("file").asText()).isEqualTo(config.toString());
        assertThat(o.get("config").get("valid").asBoolean()).isTrue();
        assertThat(o.get("units").asInt()).isEqualTo(1);
        assertThat(o.get("valid_units").asInt()).isZero();
        assertThat(o.get("errors")).hasSize(1);
        assertThat(o.get("errors").get(0).asText()).contains("factory-reset is refused at run time");
        assertThat(o.get("warnings")).hasSize(1);
        assertThat(o.get("warnings").get(0).asText()).contains("old.recovery").contains("recoverymanager convert");
    }

    @Test
    void aMissingOrInvalidConfigIsReportedInJsonWithItsExitCode() throws Exception {
        Result missing = run("check", "--config", tmp.resolve("none.toml").toString(), "--json");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NO_INPUT);
        JsonNode m = JSON.readTree(missing.out());
        assertThat(m.get("valid").asBoolean()).isFalse();
        assertThat(m.get("config").get("errors").get(0).asText()).endsWith("none.toml: no such file");

        Files.writeString(config, "units-dir = 3\n", java.nio.file.StandardOpenOption.APPEND);
        Result invalid = run("check", "--config", config.toString(), units.toString(), "--json");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.CONFIG);
        JsonNode i = JSON.readTree(invalid.out());
        assertThat(i.get("config").get("valid").asBoolean()).isFalse();
        assertThat(i.get("config").get("errors").toString()).contains(config + ":");
    }

    @Test
    void withoutArgumentsTheVendorLayerIsReadUnderTheOperatorsAsTheDaemonReadsIt() throws Exception {
        Files.writeString(vendor.resolve("a.toml"), unit("a.service", "", "restart-service"));
        Files.writeString(vendor.resolve("b.toml"), "this is not TOML that the operator's b.toml replaces\n");
        Files.writeString(vendor.resolve("c.toml"), "masked, so never read\n");
        Files.writeString(units.resolve("b.toml"), unit("b.service", "", "restart-service"));
        Files.createSymbolicLink(units.resolve("c.toml"), Path.of("/dev/null"));

        Result r = run("check", "--config", config.toString());

        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out())
                .contains(vendor.resolve("b.toml") + ": overridden by " + units.resolve("b.toml"))
                .contains(units.resolve("c.toml") + ": masked (a link to /dev/null); " + vendor.resolve("c.toml")
                        + " is not read")
                .contains("2 units valid");
    }

    @Test
    void aMaskInADirectoryGivenIsNamedNotRejected() throws Exception {
        Files.createSymbolicLink(units.resolve("c.toml"), Path.of("/dev/null"));
        Files.createSymbolicLink(units.resolve("d.toml"), tmp.resolve("elsewhere.toml"));

        Result r = run("check", units.toString());

        assertThat(r.out())
                .contains(units.resolve("c.toml") + ": masked (a link to /dev/null)")
                .contains(units.resolve("d.toml") + ": is a symbolic link");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_UNITS);
    }
}
