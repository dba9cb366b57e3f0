package io.recoverymanager.daemon.launch;

import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.daemon.Daemon;
import io.recoverymanager.daemon.cli.CliException;
import io.recoverymanager.daemon.cli.DaemonLauncher;
import io.recoverymanager.daemon.cli.ExitCodes;
import io.recoverymanager.daemon.cli.StoreOpener;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.demo.LiveDemo;
import io.recoverymanager.daemon.logging.DaemonLogging;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.store.sqlite.StoreException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The production bindings of the command line: {@code run} starts the {@link Daemon} until SIGTERM
 * or SIGINT (SIGHUP re-reads the units), {@code demo} runs the {@link LiveDemo}, and {@code status}
 * and {@code history} read the SQLite database read-only.
 *
 * <p>Registered as a {@link java.util.ServiceLoader} provider of both interfaces, so the command
 * line finds it without depending on the daemon.
 *
 * <p>Thread-safety: immutable.
 */
public final class SystemLauncher implements DaemonLauncher, StoreOpener {

    @Override
    public int run(DaemonConfig config, PrintWriter out, PrintWriter err) {
        err.flush();
        DaemonLogging.ActiveLogging logging = DaemonLogging.install(config.logging(), System.getenv(), System.err);
        // SIGHUP handled from the start: one that comes while the daemon starts is not a reason to
        // die (the units are read at start anyway); after that it re-reads the units
        AtomicReference<Daemon> running = new AtomicReference<>();
        SignalHandlers.on("HUP", () -> {
            Daemon started = running.get();
            if (started != null) {
                started.reload();
            }
        });
        Daemon daemon;
        try {
            daemon = Daemon.start(config, Daemon.Environment.system());
        } catch (Daemon.StartException e) {
            err.println("recoverymanager run: " + e.getMessage());
            logging.close();
            return e.exitCode();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    daemon.close();
                    logging.close();
                    stopped.countDown();
                },
                "recoverymanager-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        running.set(daemon);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitCodes.OK;
    }

    @Override
    public int demo(DaemonConfig config, boolean simulatedOnly, PrintWriter out, PrintWriter err) {
        return new LiveDemo(out, err).run(simulatedOnly);
    }

    @Override
    public RecoveryStore open(DaemonConfig config) {
        try {
            return SqliteRecoveryStore.openReadOnly(config.stateDir());
        } catch (StoreException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, e.getMessage());
        }
    }
}
