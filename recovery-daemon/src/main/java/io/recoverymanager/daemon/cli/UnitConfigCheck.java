package io.recoverymanager.daemon.cli;

import io.recoverymanager.core.unit.ActionBudget;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.DataPaths;
import io.recoverymanager.core.unit.RecoveryAction;
import io.recoverymanager.core.unit.RecoveryUnit;
import io.recoverymanager.core.unit.UnitError;
import io.recoverymanager.core.unit.UnitLines;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.dispatch.RunMode;
import io.recoverymanager.dispatch.exec.CommandTemplate;
import io.recoverymanager.dispatch.exec.DataPathCheck;
import io.recoverymanager.dispatch.exec.ProtectedDirectories;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code check} finds in a valid unit once it knows the configuration the daemon will run
 * with: data paths the daemon's own directories make it refuse (errors), system actions with no
 * configured command, which the daemon refuses at run time (errors; not for a slave, whose master
 * runs them with its own commands), and budgeted actions whose budget allows none (warnings).
 *
 * @param config the configuration checked against
 * @param configFile its file, named in messages
 *     <p>Thread-safety: immutable.
 */
record UnitConfigCheck(DaemonConfig config, String configFile) {

    /** Errors and warnings, each {@code file:line: key: reason}. */
    record Findings(List<String> errors, List<String> warnings) {}

    Findings of(String file, String content, RecoveryUnit unit) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        DataPathCheck paths = new ProtectedDirectories(
                DataPaths::problem,
                Map.of(
                        "state", config.stateDir(),
                        "runtime", config.runtimeDir(),
                        "units", config.unitsDir(),
                        "vendor units", config.vendorUnitsDir()));
        dataPath(file, content, "public-data", unit.publicData(), paths, errors);
        dataPath(file, content, "private-data", unit.privateData(), paths, errors);
        List<RecoveryAction> actions = unit.actions();
        for (int i = 0; i < actions.size(); i++) {
            ActionType type = actions.get(i).type();
            String key = "action[" + i + "].type";
            int line = UnitLines.lineOf(content, key);
            Optional<String> command = commandKeyOf(type);
            if (command.isPresent()
                    && config.runMode() != RunMode.SLAVE
                    && commandOf(type).isEmpty()) {
                errors.add(UnitError.describe(
                        file,
                        line,
                        key,
                        type.tomlName() + " is refused at run time: " + configFile + " sets no [commands] "
                                + command.get()));
            }
            Optional<ActionBudget> budget =
                    config.budgets().overriddenBy(unit.budgets()).limitFor(type);
            if (budget.isPresent() && budget.get().count() == 0) {
                warnings.add(UnitError.describe(
                        file,
                        line,
                        "warning",
                        key + ": " + type.tomlName() + " can never run: its budget allows none ("
                                + (unit.budgets().limitFor(type).isPresent() ? "[budget] of this unit" : configFile)
                                + ")"));
            }
        }
        return new Findings(errors, warnings);
    }

    private static void dataPath(
            String file, String content, String key, Optional<String> path, DataPathCheck check, List<String> errors) {
        path.flatMap(check::problem)
                .ifPresent(problem -> errors.add(UnitError.describe(
                        file, UnitLines.lineOf(content, key), key, "a reset would be refused: " + problem)));
    }

    private static Optional<String> commandKeyOf(ActionType type) {
        return switch (type) {
            case RESTART_CONTEXT -> Optional.of("context-restart");
            case RESTART_PLATFORM -> Optional.of("platform-restart");
            case FACTORY_RESET -> Optional.of("factory-reset");
            default -> Optional.empty();
        };
    }

    private Optional<CommandTemplate> commandOf(ActionType type) {
        DaemonConfig.Commands c = config.commands();
        return switch (type) {
            case RESTART_CONTEXT -> c.contextRestart();
            case RESTART_PLATFORM -> c.platformRestart();
            case FACTORY_RESET -> c.factoryReset();
            default -> Optional.empty();
        };
    }
}
