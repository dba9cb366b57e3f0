package io.recoverymanager.daemon;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.spi.EventLoop;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.store.DegradableRecoveryStore;
import io.recoverymanager.daemon.cli.BuildVersion;
import io.recoverymanager.daemon.cli.ExitCodes;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.control.ControlHandler;
import io.recoverymanager.daemon.control.ControlServer;
import io.recoverymanager.daemon.control.EngineControl;
import io.recoverymanager.daemon.logging.EventLog;
import io.recoverymanager.daemon.runtime.CrashPoint;
import io.recoverymanager.daemon.runtime.CrashPoints;
import io.recoverymanager.daemon.runtime.HeldStatus;
import io.recoverymanager.daemon.runtime.LoopTimer;
import io.recoverymanager.daemon.runtime.RuntimeDirectory;
import io.recoverymanager.daemon.wiring.DaemonPorts;
import io.recoverymanager.daemon.wiring.DispatchRelay;
import io.recoverymanager.daemon.wiring.DispatchWiring;
import io.recoverymanager.daemon.wiring.RunModeFile;
import io.recoverymanager.daemon.wiring.StoreHealthReporter;
import io.recoverymanager.daemon.wiring.UnitScan;
import io.recoverymanager.dispatch.DispatchHistory;
import io.recoverymanager.dispatch.RunModeDetector;
import io.recoverymanager.dispatch.master.MasterServer;
import io.recoverymanager.dispatch.master.SlaveRequestBudget;
import io.recoverymanager.runtime.InstanceBoot;
import io.recoverymanager.runtime.OffLoopListener;
import io.recoverymanager.runtime.Recovery;
import io.recoverymanager.runtime.RecoveryException;
import io.recoverymanager.runtime.metrics.MetricsTextfileWriter;
import io.recoverymanager.runtime.metrics.PrometheusTextfile;
import io.recoverymanager.store.sqlite.HistoryRetention;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.store.sqlite.StoreException;
import io.recoverymanager.systemd.SystemdConnectionConfig;
import io.recoverymanager.systemd.SystemdServiceManager;
import io.recoverymanager.systemd.crash.CrashReporterListener;
import io.recoverymanager.systemd.notify.SystemdNotifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running daemon: the engine wired to the SQLite store, systemd over D-Bus and master/slave
 * dispatch. {@link #start} brings it up in the documented order (config → store → unit sync →
 * systemd connection and initial sync → dispatch → {@code READY=1} → integrity check timer);
 * {@link #close} takes it down in reverse, letting the action in flight finish.
 *
 * <p>Thread-safety: {@link #reload} and {@link #close} may be called from any thread (signal
 * handlers); the engine's state lives on its own loop.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
    /** How often a degraded store is asked to write back what it keeps in memory. */
    private static final Duration STORE_RECOVERY_INTERVAL = Duration.ofSeconds(5);

    /**
     * What the daemon takes from its surroundings, replaceable in tests and the demo.
     *
     * @param hostname the context name when none is configured
     * @param bootId the current boot's id
     * @param notifier the sd_notify channel (disabled outside systemd)
     * @param detector decides the run mode in {@code auto}
     * @param listeners extra listeners on the engine's events (the demo's live view)
     */
    public record Environment(
            Supplier<String> hostname,
            Supplier<String> bootId,
            SystemdNotifier notifier,
            RunModeDetector detector,
            List<RecoveryListener> listeners) {
        public Environment {
            Objects.requireNonNull(hostname, "hostname");
            Objects.requireNonNull(bootId, "bootId");
            Objects.requireNonNull(notifier, "notifier");
            Objects.requireNonNull(detector, "detector");
            listeners = List.copyOf(listeners);
        }

        /** The production environment. */
        public static Environment system() {
            return new Environment(
                    io.recoverymanager.daemon.cli.CliEnvironment::systemHostname,
                    InstanceBoot::kernelBootId,
                    SystemdNotifier.fromEnvironment(),
                    new RunModeDetector(),
                    List.of());
        }

        /**
         * An embedded daemon (the demo, tests): a fixed hostname, no sd_notify, the real boot id and
         * run-mode detection, and these listeners on the engine's events.
         */
        public static Environment embedded(String hostname, RecoveryListener... listeners) {
            return new Environment(
                    () -> hostname,
                    InstanceBoot::kernelBootId,
                    SystemdNotifier.disabled(),
                    new RunModeDetector(),
                    List.of(listeners));
        }

        /** The same environment with one more listener. */
        public Environment withListener(RecoveryListener listener) {
            List<RecoveryListener> more = new ArrayList<>(listeners);
            more.add(listener);
            return new Environment(hostname, bootId, notifier, detector, more);
        }
    }

    /** Why the daemon could not start, with the sysexits code to exit with. */
    public static final class StartException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        public StartException(int exitCode, String message, Throwable cause) {
            super(message, cause);
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    private final DaemonConfig config;
    private final Environment environment;
    private final String context;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private SqliteRecoveryStore store;
    private StoreHealthReporter storeHealth;
    private DegradableRecoveryStore degradable;
    private Recovery recovery;
    private EventLoop loop;
    private RecoveryEngine engine;
    private RunModeDetector.Decision mode;
    private MasterServer master;
    private ControlHandler control;
    private HeldStatus heldStatus;
    /** Told when the master holds a slave's request (history, log, metrics, status), once they exist. */
    private final List<RecoveryListener> heldListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** This boot of the instance ({@link InstanceBoot}), stamped on every history row. */
    private String bootId;

    private volatile boolean closed;

    private Daemon(DaemonConfig config, Environment environment) {
        this.config = config;
        this.environment = environment;
        this.context = config.effectiveContext(environment.hostname());
    }

    /** Starts the daemon; on failure everything started so far is stopped again. */
    public static Daemon start(DaemonConfig config, Environment environment) throws StartException {
        Daemon daemon = new Daemon(config, environment);
        try {
            daemon.bringUp();
            return daemon;
        } catch (StartException e) {
            daemon.close();
            throw e;
        } catch (RuntimeException e) {
            daemon.close();
            throw new StartException(ExitCodes.SOFTWARE, "start-up failed: " + e.getMessage(), e);
        }
    }

    private void bringUp() throws StartException {
        // store
        try {
            Files.createDirectories(config.stateDir());
            RuntimeDirectory.prepareWithGroupName(
                    config.runtimeDir(), config.control().group());
        } catch (IOException e) {
            throw new StartException(ExitCodes.CANNOT_CREATE, "cannot create " + e.getMessage(), e);
        }
        store = SqliteRecoveryStore.open(
                config.stateDir(),
                Clock.systemUTC(),
                new HistoryRetention(config.history().maxAge(), config.history().maxRows()));
        closeables.add(store);
        // The engine's store: keeps recovering with counts in memory when SQLite cannot commit.
        storeHealth = new StoreHealthReporter(environment.notifier());
        degradable = new DegradableRecoveryStore(
                store, e -> e instanceof StoreException, storeHealth, DegradableRecoveryStore.DEFAULT_HISTORY_BUFFER);

        // run mode
        mode = environment.detector().decide(config.runMode(), config.ipc().socket());
        LOG.info("context {}: running as {} ({})", context, mode.mode(), mode.reason());
        closeables.add(RunModeFile.record(config.runModeFile(), mode));

        // systemd
        SystemdServiceManager systemd =
                SystemdServiceManager.connect(SystemdConnectionConfig.of(DaemonPorts.busAddress(config)));
        closeables.add(0, systemd);

        // engine and dispatch
        bootId = instanceBootId();
        DispatchRelay relay = new DispatchRelay(new DispatchHistory(store, context, Clock.systemUTC(), bootId));
        DispatchWiring dispatch;
        try {
            // a slave's restart-platform and factory-reset count against this instance's budget,
            // checked on the engine's loop (which exists before the master accepts anyone)
            dispatch = DispatchWiring.create(
                    config,
                    context,
                    mode.mode(),
                    systemd,
                    store,
                    bootId,
                    relay,
                    executor -> new SlaveRequestBudget(
                            executor,
                            task -> loop.execute(task),
                            degradable,
                            config.budgets(),
                            Clock.systemUTC(),
                            event -> heldListeners.forEach(l -> l.onEvent(event))));
        } catch (IOException e) {
            throw new StartException(ExitCodes.OS_ERROR, "cannot set up the master socket: " + e.getMessage(), e);
        }
        closeables.addAll(0, dispatch.closeables());
        master = dispatch.master().orElse(null);
        SystemActions systemActions = dispatch.systemActions();
        heldStatus = new HeldStatus(environment.notifier(), this::statusLine);
        // Log lines are formatted and written off the engine's loop (issue 11).
        OffLoopListener eventLog = new OffLoopListener(new EventLog(), "event-log");
        closeables.add(0, eventLog);
        boolean crashPoints = CrashPoint.armed(); // tests only: decorate the ports with crash points
        var builder = Recovery.builder()
                .context(context)
                .bootId(bootId)
                .integrityCheckDelay(config.integrityCheckDelay())
                .stepTimeout(STEP_TIMEOUT)
                .store(degradable)
                .serviceManager(crashPoints ? CrashPoints.serviceManager(systemd) : systemd)
                .systemActions(crashPoints ? CrashPoints.systemActions(systemActions) : systemActions)
                .units(() -> UnitScan.scan(config))
                .budgets(config.budgets())
                .listener(eventLog)
                .listener(heldStatus)
                .listener(dispatch.failureRelay());
        if (crashPoints) {
            builder.listener(CrashPoints.listener());
        }
        heldListeners.addAll(List.of(eventLog, heldStatus));
        config.metrics().textfile().ifPresent(file -> {
            PrometheusTextfile metrics = metrics(file);
            builder.listener(metrics);
            heldListeners.add(metrics);
        });
        environment.listeners().forEach(builder::listener);
        // unit sync and engine start, then systemd's initial sync
        try {
            recovery = builder.start();
        } catch (RecoveryException e) {
            throw new StartException(
                    e.stage() == RecoveryException.Stage.UNITS ? ExitCodes.NO_INPUT : ExitCodes.SOFTWARE,
                    e.getMessage(),
                    e);
        }
        engine = recovery.engine();
        loop = recovery.loop();
        heldListeners.add(0, recovery.history());
        relay.engine(engine);
        control = new EngineControl(engine, context, dispatch.master());
        try {
            systemd.ready().toCompletableFuture().get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartException(
                    ExitCodes.UNAVAILABLE,
                    "cannot reach systemd on " + DaemonPorts.busAddress(config) + ": " + describe(e),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException(ExitCodes.SOFTWARE, "interrupted while connecting to systemd", e);
        }

        // dispatch
        try {
            closeables.add(0, dispatch.start());
            ControlServer controlServer = new ControlServer(
                    config.controlSocket(),
                    control,
                    config.control().allowedUids(),
                    config.control().group(),
                    config.ipc().timeout());
            controlServer.start();
            closeables.add(0, controlServer);
        } catch (IOException e) {
            throw new StartException(ExitCodes.OS_ERROR, "cannot listen: " + e.getMessage(), e);
        }

        // crash reports for process friends
        if (config.crashReporter().enabled()) {
            try {
                ControlHandler handler = control;
                closeables.add(
                        0,
                        CrashReporterListener.start(
                                config.crashReporter().address(),
                                config.crashReporter().iface(),
                                config.crashReporter().member(),
                                config.crashReporter().sender(),
                                new HashSet<>(config.crashReporter().allowedUids()),
                                handler::reportedCrash));
            } catch (IOException e) {
                throw new StartException(ExitCodes.UNAVAILABLE, e.getMessage(), e);
            }
        }

        // ready
        environment.notifier().ready(statusLine());
        // the watchdog is pinged from the engine's own loop: a stuck loop stops the pings
        environment
                .notifier()
                .watchdogInterval()
                .ifPresent(interval -> LoopTimer.start(loop, interval, () -> closed, () -> environment
                        .notifier()
                        .watchdog()));
        LoopTimer.start(loop, STORE_RECOVERY_INTERVAL, () -> closed, this::writeBackDegradedStore);
        LOG.info("ready: {}", statusLine());
    }

    /** Re-reads the units directory (SIGHUP), telling systemd it reloads. */
    public void reload() {
        if (closed) {
            return;
        }
        environment.notifier().reloading();
        try {
            UnitSyncReport report = recovery.reload();
            LOG.info(
                    "reloaded units: {} added, {} changed, {} removed",
                    report.added().size(),
                    report.changed().size(),
                    report.removed().size());
        } catch (RecoveryException e) {
            LOG.error("reload failed; the units in force stay: {}", e.getMessage());
        } finally {
            environment.notifier().ready(statusLine());
        }
    }

    /** The engine (for the demo and tests). */
    public RecoveryEngine engine() {
        return engine;
    }

    /** This daemon's context name. */
    public String context() {
        return context;
    }

    /** The run mode decided at start and its reason. */
    public RunModeDetector.Decision mode() {
        return mode;
    }

    /** The contexts of the slaves connected to this master (empty for a slave). */
    public java.util.Set<String> connectedSlaves() {
        return master == null ? java.util.Set.of() : master.connectedContexts();
    }

    /** Waits until every event submitted so far has been handled by the engine's loop. */
    public void drain() throws InterruptedException {
        recovery.drain(STEP_TIMEOUT);
    }

    private String statusLine() {
        int escalated = degradable.escalated().size();
        String held =
                heldStatus == null ? "" : heldStatus.note().map(n -> "; " + n).orElse("");
        String degraded = degradable
                .degradation()
                .map(reason -> StoreHealthReporter.DEGRADED_STATUS + " (" + reason + "); ")
                .orElse("");
        return degraded + "context " + context + ", " + mode.mode().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + store.units().size() + " units, " + escalated + " escalated" + held;
    }

    /** Asks a degraded store, on the engine's loop, to write back what it keeps in memory. */
    private void writeBackDegradedStore() {
        try {
            degradable.tryRecover();
        } catch (RuntimeException e) {
            LOG.warn("writing back the kept store writes failed: {}", e.toString());
        }
    }

    /** Counts events for Prometheus; the textfile is written every 15 s off the loop, and at close. */
    private PrometheusTextfile metrics(Path file) {
        PrometheusTextfile metrics = new PrometheusTextfile(file, context, BuildVersion.current());
        metrics.seed(degradable, bootId); // gauges right from the start, not after the next event
        MetricsTextfileWriter writer = MetricsTextfileWriter.start(metrics);
        storeHealth.metrics(writer.metrics());
        closeables.add(0, writer);
        return writer.metrics();
    }

    /**
     * The kernel's boot id combined with the instance id in the runtime directory (a tmpfs that a
     * container restart empties too): meditation lasts one boot of this instance.
     */
    private String instanceBootId() throws StartException {
        try {
            return InstanceBoot.id(environment.bootId().get(), config.runtimeDir());
        } catch (IOException e) {
            throw new StartException(
                    ExitCodes.CANNOT_CREATE,
                    "cannot create the instance boot id in " + config.runtimeDir() + ": " + e,
                    e);
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** Stops in reverse order; the action in flight on the loop finishes first. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        environment.notifier().stopping();
        if (recovery != null) {
            recovery.close(); // the engine, its loop (the action in flight finishes) and the history
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        closeables.clear();
    }
}
