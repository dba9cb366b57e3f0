package io.recoverymanager.daemon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recoverymanager demo}: shows escalation live on a private systemd sandbox (or, where that
 * cannot start, on the testkit's fake systemd, labelled as simulated).
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Start a private systemd sandbox with crashing services and watch them being recovered.")
public final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    RecoveryManagerCommand root;

    @Option(names = "--simulated", description = "Skip the systemd sandbox; run on the fake systemd.")
    boolean simulated;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CliEnvironment env = root.environment();
        // the demo brings its own sandbox, units and directories: no configuration applies
        var cfg = io.recoverymanager.daemon.config.DaemonConfig.defaults();
        return env.launcher()
                .demo(
                        cfg,
                        simulated,
                        spec.commandLine().getOut(),
                        spec.commandLine().getErr());
    }
}
