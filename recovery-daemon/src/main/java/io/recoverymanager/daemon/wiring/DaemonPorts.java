package io.recoverymanager.daemon.wiring;

import io.recoverymanager.core.unit.DataPaths;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.dispatch.exec.CommandTemplates;
import io.recoverymanager.dispatch.exec.DataPathCheck;
import io.recoverymanager.dispatch.exec.ProtectedDirectories;
import io.recoverymanager.systemd.BusAddress;
import java.util.Map;

/**
 * The configuration translated into what the adapters take: the systemd bus address, the command
 * templates of the executors and the directories a data reset must never touch.
 *
 * <p>Thread-safety: stateless.
 */
public final class DaemonPorts {
    private DaemonPorts() {}

    /** The systemd connection the {@code bus} setting names (parsed into systemd's own type). */
    public static BusAddress busAddress(DaemonConfig config) {
        return config.bus();
    }

    /**
     * The {@code [commands]} section as the executors' templates: the parsed templates themselves,
     * with the executors' default timeout and output limit.
     */
    public static CommandTemplates commandTemplates(DaemonConfig config) {
        DaemonConfig.Commands c = config.commands();
        CommandTemplates defaults = CommandTemplates.defaults();
        return new CommandTemplates(
                c.publicDataReset(),
                c.privateDataReset(),
                c.contextRestart(),
                c.platformRestart(),
                c.factoryReset(),
                defaults.timeout(),
                defaults.maxOutputBytes());
    }

    /** The core's deny-list plus the daemon's own directories: state, runtime and units. */
    public static DataPathCheck dataPathCheck(DaemonConfig config) {
        return new ProtectedDirectories(
                DataPaths::problem,
                Map.of(
                        "state",
                        config.stateDir(),
                        "runtime",
                        config.runtimeDir(),
                        "units",
                        config.unitsDir(),
                        "vendor units",
                        config.vendorUnitsDir()));
    }
}
