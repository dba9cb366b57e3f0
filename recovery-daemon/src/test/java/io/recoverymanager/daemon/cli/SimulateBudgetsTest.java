package io.recoverymanager.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.recoverymanager.daemon.cli.CliRunner.Result;
import io.recoverymanager.daemon.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate} shows the destructive-action budgets of a ladder (issue 14.5). */
class SimulateBudgetsTest {
    @TempDir
    Path tmp;

    @Test
    void theBudgetsOfTheLaddersBudgetedActionsArePrintedWithWhereTheyComeFrom() throws Exception {
        Path unit = tmp.resolve("boot.toml");
        Files.writeString(
                unit,
                """
                service = "boot.service"
                relax-time = "60s"
                [budget]
                factory-reset = 2
                [[action]]
                type = "restart-platform"
                [[action]]
                type = "factory-reset"
                """);
        CliEnvironment env = CliEnvironment.system().withConfigLoader(new ConfigLoader(tmp.resolve("absent.toml")));

        Result r = CliRunner.run(env, "simulate", unit.toString(), "--failures", "1");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("budgets: restart-platform at most 3 per 1h (default), factory-reset at most 2 per 1d"
                        + " ([budget] of this unit); beyond them the action is held");
    }

    @Test
    void aLadderWithoutBudgetedActionsPrintsNoBudgets() throws Exception {
        Path unit = tmp.resolve("echo.toml");
        Files.writeString(
                unit, "service = \"echo.service\"\nrelax-time = \"60s\"\n[[action]]\ntype = \"restart-service\"\n");
        CliEnvironment env = CliEnvironment.system().withConfigLoader(new ConfigLoader(tmp.resolve("absent.toml")));

        assertThat(CliRunner.run(env, "simulate", unit.toString(), "--failures", "1")
                        .out())
                .doesNotContain("budgets");
    }
}
