package io.recoverymanager.daemon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recoverymanager run}: the daemon. Loads the configuration (exit 78 when it is bad) and
 * hands over to the {@link DaemonLauncher}.
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run the daemon: watch services through systemd and recover them as their units say.")
public final class RunCommand implements Callable<Integer> {
    @ParentCommand
    RecoveryManagerCommand root;

    @Mixin
    ConfigOptions config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CliEnvironment env = root.environment();
        var cfg = config.load(env.configLoader());
        return env.launcher()
                .run(cfg, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
