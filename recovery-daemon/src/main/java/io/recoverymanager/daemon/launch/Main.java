package io.recoverymanager.daemon.launch;

import io.recoverymanager.daemon.cli.CliEnvironment;
import io.recoverymanager.daemon.cli.RecoveryManagerCommand;
import io.recoverymanager.daemon.logging.DaemonLogging;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.logging.Level;

/**
 * The process entry point of {@code bin/recoverymanager}: installs the command line's logging (on
 * stderr, in the journal's format when systemd reads it), then runs the command line in the system
 * environment, whose long-lived commands reach the daemon through {@link SystemLauncher}. The
 * command line itself knows neither the daemon nor its logging.
 *
 * <p>Thread-safety: runs once, on the main thread.
 */
public final class Main {
    private Main() {}

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        DaemonLogging.install(Level.INFO);
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true);
        System.exit(RecoveryManagerCommand.execute(CliEnvironment.system(), out, err, args));
    }
}
