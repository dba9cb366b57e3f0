package io.recoverymanager.daemon;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.spi.ActionOutcome;
import io.recoverymanager.core.spi.HistoryEntry;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.spi.UnitSyncReport;
import io.recoverymanager.core.store.DegradableRecoveryStore;
import io.recoverymanager.core.unit.ActionType;
import io.recoverymanager.core.unit.DataPaths;
import io.recoverymanager.core.unit.UnitCatalog;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.daemon.control.ControlHandler;
import io.recoverymanager.daemon.control.ControlServer;
import io.recoverymanager.daemon.crash.CrashReporterListener;
import io.recoverymanager.daemon.logging.EventLog;
import io.recoverymanager.daemon.metrics.PrometheusTextfile;
import io.recoverymanager.daemon.notify.SystemdNotifier;
import io.recoverymanager.daemon.runtime.AtomicTextFile;
import io.recoverymanager.daemon.runtime.CrashPoint;
import io.recoverymanager.daemon.runtime.CrashPoints;
import io.recoverymanager.daemon.runtime.DispatchHistory;
import io.recoverymanager.daemon.runtime.FileRequestLedger;
import io.recoverymanager.daemon.runtime.HistoryRecorder;
import io.recoverymanager.daemon.runtime.InstanceBoot;
import io.recoverymanager.daemon.runtime.MasterWiring;
import io.recoverymanager.daemon.runtime.OffLoopListener;
import io.recoverymanager.daemon.runtime.RuntimeDirectory;
import io.recoverymanager.daemon.runtime.SingleThreadEventLoop;
import io.recoverymanager.daemon.runtime.StoreHealthReporter;
import io.recoverymanager.daemon.units.LegacyUnitFiles;
import io.recoverymanager.daemon.units.UnitDirectory;
import io.recoverymanager.dispatch.DispatchingSystemActions;
import io.recoverymanager.dispatch.FailureRelay;
import io.recoverymanager.dispatch.RunMode;
import io.recoverymanager.dispatch.RunModeDetector;
import io.recoverymanager.dispatch.exec.ActionJournal;
import io.recoverymanager.dispatch.exec.CommandTemplates;
import io.recoverymanager.dispatch.exec.DataPathCheck;
import io.recoverymanager.dispatch.exec.LocalActionExecutor;
import io.recoverymanager.dispatch.exec.ProtectedDirectories;
import io.recoverymanager.dispatch.master.MasterServer;
import io.recoverymanager.dispatch.master.MasterSettings;
import io.recoverymanager.dispatch.slave.SlaveLink;
import io.recoverymanager.dispatch.slave.SlaveSettings;
import io.recoverymanager.store.sqlite.HistoryRetention;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.store.sqlite.StoreException;
import io.recoverymanager.systemd.BusAddress;
import io.recoverymanager.systemd.SystemdConnectionConfig;
import io.recoverymanager.systemd.SystemdServiceManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
                    Daemon::systemBootId,
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
                    Daemon::systemBootId,
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
    private SingleThreadEventLoop loop;
    private RecoveryEngine engine;
    private RunModeDetector.Decision mode;
    private MasterServer master;
    private SlaveLink slave;
    private ControlHandler control;
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
            throw new StartException(70, "start-up failed: " + e.getMessage(), e);
        }
    }

    private void bringUp() throws StartException {
        // store
        try {
            Files.createDirectories(config.stateDir());
            RuntimeDirectory.prepareWithGroupName(
                    config.runtimeDir(), config.control().group());
        } catch (IOException e) {
            throw new StartException(73, "cannot create " + e.getMessage(), e);
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
        UnitCatalog catalog = scanUnits();

        // run mode
        RunMode configured = RunMode.parse(config.runMode().name().toLowerCase(java.util.Locale.ROOT));
        mode = environment.detector().decide(configured, config.ipc().socket());
        LOG.info("context {}: running as {} ({})", context, mode.mode(), mode.reason());
        recordRunMode();

        // systemd
        SystemdServiceManager systemd = SystemdServiceManager.connect(SystemdConnectionConfig.of(busAddress()));
        closeables.add(0, systemd);

        // engine and dispatch
        loop = new SingleThreadEventLoop("recovery-loop");
        LocalActionExecutor local = new LocalActionExecutor(
                systemd, commandTemplates(), dataPathCheck(), journal(), Duration.ofSeconds(90));
        closeables.add(0, local);
        SystemActions systemActions;
        EngineRef ref = new EngineRef();
        ref.history = new DispatchHistory(store, context, Clock.systemUTC());
        if (mode.mode() == RunMode.SLAVE) {
            slave = new SlaveLink(
                    SlaveSettings.of(
                            config.ipc().socket(), context, config.ipc().timeout()),
                    store,
                    ref);
            systemActions = DispatchingSystemActions.slave(local, slave);
        } else {
            FileRequestLedger ledger = new FileRequestLedger(
                    config.stateDir().resolve("master-requests.ledger"),
                    config.ipc().ledgerMaxAge(),
                    config.ipc().ledgerMaxEntries(),
                    Clock.systemUTC());
            closeables.add(0, ledger);
            try {
                master = new MasterServer(
                        MasterSettings.of(
                                config.ipc().socket(),
                                context,
                                config.ipc().timeout(),
                                new HashSet<>(config.ipc().allowedUids())),
                        MasterWiring.policy(config.ipc()),
                        MasterWiring.executor(local::execute),
                        MasterWiring.ledger(ledger),
                        ref);
            } catch (IOException e) {
                throw new StartException(71, "cannot set up the master socket: " + e.getMessage(), e);
            }
            systemActions = DispatchingSystemActions.master(local);
        }
        HistoryRecorder history = new HistoryRecorder(degradable);
        closeables.add(0, history);
        // Log lines are formatted and written off the engine's loop (issue 11).
        OffLoopListener eventLog = new OffLoopListener(new EventLog(), "event-log");
        closeables.add(0, eventLog);
        boolean crashPoints = CrashPoint.armed(); // tests only: decorate the ports with crash points
        var builder = RecoveryEngine.builder()
                .context(context)
                .bootId(instanceBootId())
                .integrityCheckDelay(config.integrityCheckDelay())
                .clock(Clock.systemUTC())
                .loop(loop)
                .store(degradable)
                .serviceManager(crashPoints ? CrashPoints.serviceManager(systemd) : systemd)
                .systemActions(crashPoints ? CrashPoints.systemActions(systemActions) : systemActions)
                .listener(history)
                .listener(eventLog)
                .listener(master != null ? FailureRelay.forMaster(master) : FailureRelay.forSlave(slave));
        if (crashPoints) {
            builder.listener(CrashPoints.listener());
        }
        config.metrics().textfile().ifPresent(file -> builder.listener(metrics(file)));
        environment.listeners().forEach(builder::listener);
        engine = builder.build();
        ref.engine = engine;

        // unit sync, then systemd's initial sync
        UnitSyncReport report = await(engine.syncUnits(catalog), "unit sync");
        LOG.info(
                "units: {} added, {} changed, {} removed, {} unchanged, {} rejected",
                report.added().size(),
                report.changed().size(),
                report.removed().size(),
                report.unchanged(),
                catalog.rejected().size());
        await(engine.start(), "engine start");
        try {
            systemd.ready().toCompletableFuture().get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartException(69, "cannot reach systemd on " + busAddress() + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException(70, "interrupted while connecting to systemd", e);
        }

        // dispatch
        try {
            if (master != null) {
                master.start();
                closeables.add(0, master);
            } else {
                slave.start();
                closeables.add(0, slave);
            }
            ControlServer controlServer = new ControlServer(
                    config.controlSocket(),
                    control(),
                    config.control().allowedUids(),
                    config.control().group(),
                    config.ipc().timeout());
            controlServer.start();
            closeables.add(0, controlServer);
        } catch (IOException e) {
            throw new StartException(71, "cannot listen: " + e.getMessage(), e);
        }

        // crash reports for process friends
        if (config.crashReporter().enabled()) {
            try {
                ControlHandler handler = control();
                closeables.add(
                        0,
                        CrashReporterListener.start(
                                config.crashReporter().address(),
                                config.crashReporter().iface(),
                                config.crashReporter().member(),
                                config.crashReporter().sender(),
                                new HashSet<>(config.crashReporter().allowedUids()),
                                handler::processCrashed));
            } catch (IOException e) {
                throw new StartException(69, e.getMessage(), e);
            }
        }

        // ready
        environment.notifier().ready(statusLine());
        environment.notifier().watchdogInterval().ifPresent(this::scheduleWatchdog);
        scheduleStoreRecovery();
        LOG.info("ready: {}", statusLine());
    }

    private UnitCatalog scanUnits() throws StartException {
        try {
            UnitCatalog catalog = new UnitDirectory(config.unitsDir()).scan();
            catalog.rejected()
                    .forEach((source, errors) -> errors.forEach(error -> LOG.error("rejected unit {}", error)));
            for (Path legacy : LegacyUnitFiles.in(config.unitsDir())) {
                LOG.warn("{}: {}", legacy, LegacyUnitFiles.advice(legacy));
            }
            return catalog;
        } catch (IOException e) {
            throw new StartException(66, "cannot read the units directory " + config.unitsDir() + ": " + e, e);
        }
    }

    /** Writes the decided mode where {@code status} finds it; removed again at close. */
    private void recordRunMode() {
        Path file = config.runModeFile();
        try {
            // new temporary file (O_EXCL|O_NOFOLLOW, 0644), then rename: never through a planted link
            AtomicTextFile.write(
                    file, mode.mode().name().toLowerCase(java.util.Locale.ROOT) + " (" + mode.reason() + ")\n");
            closeables.add(() -> Files.deleteIfExists(file));
        } catch (IOException e) {
            LOG.warn("cannot record the run mode in {}: {}", file, e.getMessage());
        }
    }

    /** Re-reads the units directory (SIGHUP), telling systemd it reloads. */
    public void reload() {
        if (closed) {
            return;
        }
        environment.notifier().reloading();
        try {
            UnitSyncReport report = await(engine.syncUnits(scanUnits()), "unit re-sync");
            LOG.info(
                    "reloaded units: {} added, {} changed, {} removed",
                    report.added().size(),
                    report.changed().size(),
                    report.removed().size());
        } catch (StartException e) {
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
        loop.drain(STEP_TIMEOUT);
    }

    private String statusLine() {
        int escalated = degradable.escalated().size();
        String degraded = degradable
                .degradation()
                .map(reason -> StoreHealthReporter.DEGRADED_STATUS + " (" + reason + "); ")
                .orElse("");
        return degraded + "context " + context + ", " + mode.mode().name().toLowerCase(java.util.Locale.ROOT) + ", "
                + store.units().size() + " units, " + escalated + " escalated";
    }

    private void scheduleWatchdog(Duration interval) {
        // Sent from the engine's own loop: a stuck loop stops the pings and systemd restarts us.
        loop.schedule(interval, () -> {
            if (!closed) {
                environment.notifier().watchdog();
                scheduleWatchdog(interval);
            }
        });
    }

    /** Asks a degraded store, from the engine's loop, to write back what it keeps in memory. */
    private void scheduleStoreRecovery() {
        loop.schedule(STORE_RECOVERY_INTERVAL, () -> {
            if (!closed) {
                try {
                    degradable.tryRecover();
                } catch (RuntimeException e) {
                    LOG.warn("writing back the kept store writes failed: {}", e.toString());
                }
                scheduleStoreRecovery();
            }
        });
    }

    /** Counts events for Prometheus and writes the textfile every 15 s off the loop, and at close. */
    private PrometheusTextfile metrics(Path file) {
        PrometheusTextfile metrics = new PrometheusTextfile(file);
        storeHealth.metrics(metrics);
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "metrics-textfile");
            t.setDaemon(true);
            return t;
        });
        writer.scheduleWithFixedDelay(metrics::write, 0, 15, TimeUnit.SECONDS);
        closeables.add(0, () -> {
            writer.shutdownNow();
            metrics.write();
        });
        return metrics;
    }

    /** The core's deny-list plus the daemon's own directories: state, runtime and units. */
    private DataPathCheck dataPathCheck() {
        return new ProtectedDirectories(
                DataPaths::problem,
                java.util.Map.of(
                        "state", config.stateDir(), "runtime", config.runtimeDir(), "units", config.unitsDir()));
    }

    /**
     * The kernel's boot id combined with the instance id in the runtime directory (a tmpfs that a
     * container restart empties too): meditation lasts one boot of this instance.
     */
    private String instanceBootId() throws StartException {
        try {
            return InstanceBoot.id(environment.bootId().get(), config.runtimeDir());
        } catch (IOException e) {
            throw new StartException(73, "cannot create the instance boot id in " + config.runtimeDir() + ": " + e, e);
        }
    }

    /**
     * Records a destructive action before it runs: first its pending action is marked started (after
     * a crash it is never run again), then its history row is written (it never runs without one).
     */
    private ActionJournal journal() {
        return (request, what) -> {
            store.markPendingStarted(request.requestId());
            store.appendHistory(new HistoryEntry(
                    Clock.systemUTC().instant(),
                    request.service(),
                    request.context(),
                    request.rvector(),
                    "action-started",
                    request.action().tomlName(),
                    what));
        };
    }

    /** What operators and crash reporters ask of the daemon; one instance for both channels. */
    private ControlHandler control() {
        if (control == null) {
            control = newControlHandler();
        }
        return control;
    }

    private ControlHandler newControlHandler() {
        return new ControlHandler() {
            @Override
            public CompletionStage<Integer> reset(String service) {
                return engine.reset(service);
            }

            @Override
            public void processCrashed(Optional<String> crashContext, String process) {
                String where = crashContext.orElse(context);
                engine.processCrashed(where, process);
                if (master != null) {
                    master.broadcastProcessCrash(where, process);
                }
            }
        };
    }

    private CommandTemplates commandTemplates() {
        DaemonConfig.Commands c = config.commands();
        CommandTemplates defaults = CommandTemplates.defaults();
        return CommandTemplates.fromConfig(
                argv(c.publicDataReset()),
                argv(c.privateDataReset()),
                argv(c.contextRestart()),
                argv(c.platformRestart()),
                argv(c.factoryReset()),
                defaults.timeout(),
                defaults.maxOutputBytes());
    }

    private static List<String> argv(Optional<io.recoverymanager.daemon.config.CommandTemplate> template) {
        return template.map(io.recoverymanager.daemon.config.CommandTemplate::toStrings)
                .orElse(List.of());
    }

    private BusAddress busAddress() {
        return switch (config.bus().kind()) {
            case SYSTEM -> new BusAddress.SystemBus();
            case USER -> new BusAddress.SessionBus();
            case PRIVATE -> new BusAddress.PrivateSocket(privateSocket());
            case ADDRESS -> new BusAddress.Explicit(config.bus().address());
        };
    }

    private static Path privateSocket() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        boolean root = "root".equals(System.getProperty("user.name"));
        return root || runtime == null ? Path.of("/run/systemd/private") : Path.of(runtime, "systemd", "private");
    }

    private static <T> T await(CompletionStage<T> stage, String what) throws StartException {
        try {
            return stage.toCompletableFuture().get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StartException(70, what + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException(70, what + " interrupted", e);
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    /** The kernel's boot id, or "unknown-boot" where it cannot be read. */
    public static String systemBootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
        } catch (IOException e) {
            return "unknown-boot";
        }
    }

    /** Stops in reverse order; the action in flight on the loop finishes first. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        environment.notifier().stopping();
        if (engine != null) {
            engine.close();
        }
        if (loop != null) {
            try {
                loop.drain(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.close();
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

    /** Forwards what other contexts report to the engine, once it exists. */
    private static final class EngineRef implements MasterServer.Listener, SlaveLink.Listener {
        volatile RecoveryEngine engine;
        volatile DispatchHistory history;

        @Override
        public void requestRefused(String slaveContext, String service, ActionType action, String reason) {
            history.requestRefused(slaveContext, service, action, reason);
        }

        @Override
        public void acknowledged(String requestId, ActionOutcome outcome) {
            history.acknowledged(requestId, outcome);
        }

        @Override
        public void serviceFailedElsewhere(String otherContext, String service) {
            RecoveryEngine e = engine;
            if (e != null) {
                e.serviceFailedElsewhere(otherContext, service);
            }
        }

        @Override
        public void processCrashed(String crashContext, String process) {
            RecoveryEngine e = engine;
            if (e != null) {
                e.processCrashed(crashContext, process);
            }
        }
    }
}
