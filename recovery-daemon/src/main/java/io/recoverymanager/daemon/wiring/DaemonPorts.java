package io.recoverymanager.daemon.wiring;

import io.recoverymanager.core.unit.DataPaths;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.dispatch.exec.CommandTemplates;
import io.recoverymanager.dispatch.exec.DataPathCheck;
import io.recoverymanager.dispatch.exec.ProtectedDirectories;
import io.recoverymanager.systemd.BusAddress;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration translated into what the adapters take: the systemd bus address, the command
 * templates of the executors and the directories a data reset must never touch.
 *
 * <p>Thread-safety: stateless.
 */
public final class DaemonPorts {
    private DaemonPorts() {}

    /** The systemd connection the {@code [systemd] bus} setting names. */
    public static BusAddress busAddress(DaemonConfig config) {
        return switch (config.bus().kind()) {
            case SYSTEM -> new BusAddress.SystemBus();
            case USER -> new BusAddress.SessionBus();
            case PRIVATE -> new BusAddress.PrivateSocket(privateSocket());
            case ADDRESS -> new BusAddress.Explicit(config.bus().address());
        };
    }

    private static Path privateSocket() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        boolean root = "root".equals(System.getProperty("user.name"));
        return root || runtime == null ? Path.of("/run/systemd/private") : Path.of(runtime, "systemd", "private");
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
