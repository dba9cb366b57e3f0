package io.recoverymanager.daemon.cli;

import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.view.StatusView;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recoverymanager status [--json]}: per service rvector, next action, relax deadline, unit
 * hash and last failure, plus meditation, mode and context, read from the state database.
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Show each service's rvector, next action and relax deadline (works with or without the daemon).")
public final class StatusCommand implements Callable<Integer> {
    @ParentCommand
    RecoveryManagerCommand root;

    @Mixin
    ConfigFileOptions.StatusOptions config;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CliEnvironment env = root.environment();
        DaemonConfig cfg = config.load(env.configLoader());
        String context = cfg.effectiveContext(env.hostname());
        String mode = decidedMode(cfg).orElse(cfg.runMode().configName());
        StatusView view = StoreAccess.read(env, cfg, store -> StatusView.of(store, context, mode));
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? view.toJson() + "\n" : view.toText(io.recoverymanager.daemon.view.HumanTime.of(env.clock())));
        return ExitCodes.OK;
    }

    /** The mode a running daemon decided (e.g. {@code slave (…)} for {@code auto}), if one runs. */
    private static java.util.Optional<String> decidedMode(DaemonConfig cfg) {
        try {
            String line = java.nio.file.Files.readString(cfg.runModeFile()).strip();
            return line.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(line);
        } catch (java.io.IOException e) {
            return java.util.Optional.empty();
        }
    }
}
