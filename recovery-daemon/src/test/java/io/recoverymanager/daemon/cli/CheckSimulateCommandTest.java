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

/** check and simulate on real unit files, with the core's strict parser. */
class CheckSimulateCommandTest {
    private static final String ECHO =
            """
            service = "echo.service"
            relax-time = "60s"
            public-data = "/var/lib/echo/public"

            [[action]]
            type = "restart-service"
            retry = 2

            [[action]]
            type = "reset-public-data"
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

    @Test
    void checkPassesValidUnitsAndTheShippedExamples() throws Exception {
        Path units = Files.createDirectory(tmp.resolve("units"));
        Files.writeString(units.resolve("echo.toml"), ECHO);
        Result r = run("check", units.toString());
        assertThat(r.exitCode()).as(r.out()).isZero();
        assertThat(r.out()).isEqualTo("1 unit valid\n");
        Result examples = run("check", "../examples/units");
        assertThat(examples.exitCode()).as(examples.out()).isZero();
        assertThat(examples.out()).isEqualTo("5 units valid\n");
    }

    @Test
    void checkRejectsUnitFilesTheDaemonWouldNotTrust() throws Exception {
        Path units = Files.createDirectory(tmp.resolve("units"));
        Files.writeString(units.resolve("echo.toml"), ECHO);
        Path writable = Files.writeString(units.resolve("writable.toml"), ECHO.replace("echo", "other"));
        Files.setPosixFilePermissions(writable, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-r--"));
        Path foreign = Files.writeString(units.resolve("foreign.toml"), ECHO.replace("echo", "third"));
        Files.setAttribute(foreign, "unix:uid", 65534);

        Result r = run("check", units.toString());

        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(r.out())
                .contains(writable + ": writable by group or others")
                .contains(foreign + ": owned by uid 65534")
                .contains("2 of 3 units invalid");
    }

    @Test
    void checkListsEveryErrorOfEveryFileAndExits1() throws Exception {
        Path units = Files.createDirectory(tmp.resolve("units"));
        Files.writeString(units.resolve("echo.toml"), ECHO);
        Files.writeString(units.resolve("bad.toml"), "service = \"bad.service\"\nrelax-time = \"0s\"\ncolour = 1\n");
        Files.writeString(units.resolve("twin.toml"), ECHO);
        Result r = run("check", units.toString(), tmp.resolve("missing.toml").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_UNITS);
        String bad = units.resolve("bad.toml").toString();
        assertThat(r.out())
                .contains(tmp.resolve("missing.toml") + ": no such file or directory\n")
                .contains(bad + ":2: relax-time: ")
                .contains(bad + ":3: colour: ")
                .contains(bad + ": action: ")
                .contains(units.resolve("twin.toml") + ": service: echo.service already has a unit in "
                        + units.resolve("echo.toml"))
                .endsWith(" errors\n");
        assertThat(r.out().lines().filter(l -> l.startsWith(bad + ":"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(r.out().lines().toList().get(r.out().lines().toList().size() - 1))
                .startsWith("2 of 3 units invalid, ");
    }

    @Test
    void checkWithoutArgumentsChecksTheConfiguredUnitsDirectory() throws Exception {
        Path units = Files.createDirectory(tmp.resolve("units"));
        Files.writeString(units.resolve("echo.toml"), ECHO);
        assertThat(run("check", "--units-dir", units.toString()).out()).isEqualTo("1 unit valid\n");
        Files.writeString(units.resolve("broken.toml"), "service = 3\n");
        assertThat(run("check", "--units-dir", units.toString()).exitCode()).isEqualTo(ExitCodes.INVALID_UNITS);
    }

    @Test
    void simulatePrintsTheTimeline() throws Exception {
        Path unit = tmp.resolve("echo.toml");
        Files.writeString(unit, ECHO);
        Result r = run("simulate", unit.toString(), "--failures", "3", "--interval", "10s");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("echo.service: 3 failure(s) 10s apart, relax time 60s\n")
                .containsPattern("\\s+0\\.000s\\s+failure\\s+1\\s+-")
                .containsPattern("\\s+0\\.000s\\s+action\\s+1\\s+restart-service")
                .containsPattern("\\s+20\\.000s\\s+action\\s+3\\s+reset-public-data")
                .containsPattern("recovered\\s+3\\s+-");
    }

    @Test
    void simulateJsonIsAnArrayOfTheDocumentedObjects() throws Exception {
        Path unit = tmp.resolve("echo.toml");
        Files.writeString(unit, ECHO);
        Result r = run("simulate", unit.toString(), "--failures", "4", "--json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode array = new ObjectMapper().readTree(r.out());
        assertThat(array.isArray()).isTrue();
        JsonNode exhausted = null;
        for (JsonNode o : array) {
            if (o.get("event").asText().equals("exhausted")) {
                exhausted = o;
            }
        }
        assertThat(exhausted).as("the 4th failure exhausts a 3-step ladder").isNotNull();
        assertThat(exhausted.get("rvector").asInt()).isEqualTo(4);
        assertThat(exhausted.get("at_seconds").asDouble()).isEqualTo(30.0);
        assertThat(exhausted.get("action").isNull()).isTrue();
    }

    @Test
    void simulateRejectsAnInvalidOrMissingUnit() throws Exception {
        Path unit = tmp.resolve("bad.toml");
        Files.writeString(unit, "service = \"x.service\"\n");
        Result r = run("simulate", unit.toString(), "--failures", "1");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.DATA_ERROR);
        assertThat(r.err()).startsWith("recoverymanager simulate: " + unit + ": ");
        assertThat(run("simulate", tmp.resolve("none.toml").toString(), "--failures", "1")
                        .exitCode())
                .isEqualTo(ExitCodes.NO_INPUT);
        assertThat(run("simulate", unit.toString(), "--failures", "-1").exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }
}
