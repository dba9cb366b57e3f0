package io.recoverymanager.daemon.cli;

import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.control.ControlRequest;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recoverymanager report-crash --process NAME [--context C]}: tells the running daemon that a
 * process crashed, so units with that process as a friend react. Exits 69 when the daemon is not
 * running.
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "report-crash",
        mixinStandardHelpOptions = true,
        description = "Report a process crash to the running daemon (for process friends).")
public final class ReportCrashCommand implements Callable<Integer> {
    @ParentCommand
    RecoveryManagerCommand root;

    @Mixin
    ConfigFileOptions.ControlOptions config;

    @Option(names = "--process", paramLabel = "NAME", required = true, description = "The process that crashed.")
    String process;

    @Option(
            names = "--context",
            paramLabel = "CONTEXT",
            description = "The context it crashed in (default: the daemon's own).")
    String context;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ControlRequest.ReportCrash request =
                ControlCall.request(() -> new ControlRequest.ReportCrash(process, Optional.ofNullable(context)));
        DaemonConfig cfg = config.load(root.environment().configLoader());
        ControlCall.send(cfg, request);
        spec.commandLine().getOut().println("reported crash of " + process + (context == null ? "" : " in " + context));
        return ExitCodes.OK;
    }
}
