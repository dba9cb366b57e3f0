package io.recoverymanager.daemon.cli;

import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.control.ControlClient;
import io.recoverymanager.daemon.control.ControlDeniedException;
import io.recoverymanager.daemon.control.ControlRequest;
import io.recoverymanager.daemon.control.ControlResponse;
import io.recoverymanager.daemon.control.ControlUnavailableException;

/**
 * Sends one control request to the running daemon and maps failures to exit codes: not running
 * or not answering is {@link ExitCodes#UNAVAILABLE}, a refused request {@link ExitCodes#DATA_ERROR}
 * (or {@link ExitCodes#NO_PERMISSION} when the user is not allowed).
 *
 * <p>Thread-safety: stateless.
 */
final class ControlCall {
    private ControlCall() {}

    static ControlResponse.Done send(DaemonConfig config, ControlRequest request) {
        ControlClient client =
                new ControlClient(config.controlSocket(), config.ipc().timeout());
        ControlResponse response;
        try {
            response = client.send(request);
        } catch (ControlDeniedException e) {
            throw new CliException(ExitCodes.NO_PERMISSION, e.getMessage(), e);
        } catch (ControlUnavailableException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, e.getMessage(), e);
        }
        if (response instanceof ControlResponse.Failed failed) {
            int code = failed.error().startsWith("permission denied") ? ExitCodes.NO_PERMISSION : ExitCodes.DATA_ERROR;
            throw new CliException(code, "the daemon refused: " + failed.error());
        }
        return (ControlResponse.Done) response;
    }

    static <T extends ControlRequest> T request(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }
}
