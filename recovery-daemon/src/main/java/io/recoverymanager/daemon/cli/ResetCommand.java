package io.recoverymanager.daemon.cli;

import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.control.ControlRequest;
import io.recoverymanager.daemon.control.ControlResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code recoverymanager reset SERVICE}: asks the running daemon to return a service's rvector to 0
 * (recorded in history). Exits 69 when the daemon is not running.
 *
 * <p>Thread-safety: used from the main thread only.
 */
@Command(
        name = "reset",
        mixinStandardHelpOptions = true,
        description = "Set a service's rvector to 0 through the running daemon.")
public final class ResetCommand implements Callable<Integer> {
    @ParentCommand
    RecoveryManagerCommand root;

    @Mixin
    ConfigFileOptions.ControlOptions config;

    @Parameters(paramLabel = "SERVICE", description = "The service, e.g. echo.service.")
    String service;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ControlRequest.Reset request = ControlCall.request(() -> new ControlRequest.Reset(service));
        DaemonConfig cfg = config.load(root.environment().configLoader());
        ControlResponse.Done done = ControlCall.send(cfg, request);
        spec.commandLine()
                .getOut()
                .println(service + ": rvector "
                        + done.previousRvector().stream()
                                .mapToObj(Integer::toString)
                                .findFirst()
                                .orElse("?")
                        + " -> 0");
        return ExitCodes.OK;
    }
}
