package io.recoverymanager.daemon.control;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the daemon does for control requests; the daemon wiring binds it to the engine ({@code
 * engine.reset(service)}, {@code engine.processCrashed(context, process)}).
 *
 * <p>Thread-safety: called from the control server's connection threads, possibly concurrently;
 * implementations hand the work to the engine's loop.
 */
public interface ControlHandler {
    /**
     * Returns a service's rvector to 0 (recorded in history).
     *
     * @return completes with the rvector before the reset
     */
    CompletionStage<Integer> reset(String service);

    /**
     * A process crashed; process friends may react.
     *
     * @param context the context it crashed in; empty means the daemon's own
     */
    void processCrashed(Optional<String> context, String process);

    /**
     * {@link #processCrashed} for a report from outside the control socket (a crash reporter's
     * D-Bus signal): its names pass the control socket's checks first.
     *
     * @throws IllegalArgumentException naming the process or context name that is refused
     */
    default void reportedCrash(Optional<String> context, String process) {
        ControlRequest.ReportCrash checked = new ControlRequest.ReportCrash(process, context);
        processCrashed(checked.context(), checked.process());
    }
}
