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
 * (recorded in history). A service held because a destructive-action budget was spent is released
 * by it, and the output says why it was held. Exits 69 when the daemon is not running.
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
        java.util.Optional<String> held = heldReason(cfg);
        ControlResponse.Done done = ControlCall.send(cfg, request);
        spec.commandLine()
                .getOut()
                .println(service + ": rvector "
                        + done.previousRvector().stream()
                                .mapToObj(Integer::toString)
                                .findFirst()
                                .orElse("?")
                        + " -> 0"
                        + held.map(h -> " (it was " + h + "; released)").orElse(""));
        return ExitCodes.OK;
    }

    /** Why the service is held now (a destructive-action budget was spent), read from the store. */
    private java.util.Optional<String> heldReason(DaemonConfig cfg) {
        try {
            CliEnvironment env = root.environment();
            return StoreAccess.read(env, cfg, store -> io.recoverymanager.daemon.view.StatusView.of(
                                    store, cfg.effectiveContext(env.hostname()), "")
                            .services())
                    .stream()
                    .filter(r -> r.service().equals(service))
                    .findFirst()
                    .flatMap(io.recoverymanager.daemon.view.StatusView.Row::held);
        } catch (RuntimeException e) {
            return java.util.Optional.empty(); // the reset itself does not depend on it
        }
    }
}
