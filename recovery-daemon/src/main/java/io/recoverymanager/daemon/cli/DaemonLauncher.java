package io.recoverymanager.daemon.cli;

import io.recoverymanager.daemon.config.DaemonConfig;
import java.io.PrintWriter;

/**
 * Runs the long-lived parts of the command line: the daemon ({@code run}) and the live demo. The
 * daemon wiring binds it; until then {@link #notWired()} reports so and exits with {@link
 * ExitCodes#SOFTWARE}.
 *
 * <p>Thread-safety: called once, from the main thread.
 */
public interface DaemonLauncher {
    /** Runs the daemon until it is stopped; returns the exit code. */
    int run(DaemonConfig config, PrintWriter out, PrintWriter err);

    /**
     * Runs the demo; returns the exit code.
     *
     * @param simulatedOnly skip the systemd sandbox and run on the testkit's fake systemd
     */
    int demo(DaemonConfig config, boolean simulatedOnly, PrintWriter out, PrintWriter err);

    /** The placeholder until the daemon is wired. */
    static DaemonLauncher notWired() {
        return new DaemonLauncher() {
            @Override
            public int run(DaemonConfig config, PrintWriter out, PrintWriter err) {
                err.println("recoverymanager run: not wired yet");
                return ExitCodes.SOFTWARE;
            }

            @Override
            public int demo(DaemonConfig config, boolean simulatedOnly, PrintWriter out, PrintWriter err) {
                err.println("recoverymanager demo: not wired yet");
                return ExitCodes.SOFTWARE;
            }
        };
    }
}
