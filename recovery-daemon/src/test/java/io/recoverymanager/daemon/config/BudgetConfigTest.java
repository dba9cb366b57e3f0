package io.recoverymanager.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.recoverymanager.core.unit.ActionBudget;
import io.recoverymanager.core.unit.ActionBudgets;
import io.recoverymanager.core.unit.ActionType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code [budget]} and {@code vendor-units-dir}: defaults, every key, errors as file:line: key: reason. */
class BudgetConfigTest {
    private final ConfigLoader loader = new ConfigLoader();

    private List<String> errors(String toml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse("rm.toml", toml));
        assertThat(e).as("expected config errors").isNotNull();
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    @Test
    void withoutASectionThreePlatformRestartsPerHourAndOneFactoryResetPerDay() throws Exception {
        DaemonConfig config = loader.parse("rm.toml", "");
        assertThat(config.budgets().limitFor(ActionType.RESTART_PLATFORM))
                .contains(new ActionBudget(3, Duration.ofHours(1)));
        assertThat(config.budgets().limitFor(ActionType.FACTORY_RESET))
                .contains(new ActionBudget(1, Duration.ofDays(1)));
        assertThat(config.budgets()).isEqualTo(ActionBudgets.defaults());
        assertThat(config.vendorUnitsDir()).isEqualTo(Path.of("/usr/lib/recoverymanager/units"));
    }

    @Test
    void everyKeyIsReadAndACountAloneKeepsTheDefaultWindow() throws Exception {
        DaemonConfig config = loader.parse(
                "rm.toml",
                """
                vendor-units-dir = "/opt/vendor/units"
                [budget]
                restart-platform = 5
                restart-platform-window = "2h"
                factory-reset = 0
                """);
        assertThat(config.budgets().limitFor(ActionType.RESTART_PLATFORM))
                .contains(new ActionBudget(5, Duration.ofHours(2)));
        assertThat(config.budgets().limitFor(ActionType.FACTORY_RESET))
                .contains(new ActionBudget(0, Duration.ofDays(1)));
        assertThat(config.vendorUnitsDir()).isEqualTo(Path.of("/opt/vendor/units"));
    }

    @Test
    void badValuesAreErrorsWithTheirLines() {
        assertThat(
                        errors(
                                """
                        vendor-units-dir = "relative/units"
                        [budget]
                        restart-platform = -1
                        restart-platform-window = "0s"
                        factory-reset = "one"
                        factory-reset-window = "400d"
                        restart-context = 3
                        """))
                .containsExactlyInAnyOrder(
                        "rm.toml:1: vendor-units-dir: \"relative/units\" must be an absolute path",
                        "rm.toml:3: budget.restart-platform: must be an integer from 0 to 1000",
                        "rm.toml:4: budget.restart-platform-window: must be greater than 0",
                        "rm.toml:5: budget.factory-reset: must be an integer from 0 to 1000",
                        "rm.toml:6: budget.factory-reset-window: must be at most 366d",
                        "rm.toml:7: budget.restart-context: unknown key (known here: factory-reset,"
                                + " factory-reset-window, restart-platform, restart-platform-window)");
    }
}
