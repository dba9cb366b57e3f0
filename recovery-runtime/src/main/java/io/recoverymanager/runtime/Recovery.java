package io.recoverymanager.runtime;

import io.recoverymanager.core.api.RecoveryEngine;
import io.recoverymanager.core.model.UnitSyncReport;
import io.recoverymanager.core.spi.EventLoop;
import io.recoverymanager.core.spi.RecoveryListener;
import io.recoverymanager.core.spi.RecoveryStore;
import io.recoverymanager.core.spi.ServiceManager;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.core.unit.ActionBudgets;
import io.recoverymanager.core.unit.UnitCatalog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running recovery engine with everything a host process needs around it: its own event loop
 * thread ({@link SingleThreadEventLoop}), the {@link HistoryRecorder}, the units read from a
 * directory ({@link UnitDirectory}, one unit per service) and the boot marker ({@link
 * InstanceBoot}) that makes a meditation last one boot. The daemon and the benchmarks are built with
 * it, and so is an embedding vendor's supervisor:
 *
 * <pre>{@code
 * try (Recovery recovery = Recovery.builder()
 *         .context("host")
 *         .serviceManager(serviceManager)
 *         .store(store)
 *         .systemActions(systemActions)
 *         .unitsFrom(unitsDir)
 *         .bootMarkerIn(runtimeDir)
 *         .start()) {
 *     // failing services are recovered until close()
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the engine, lets the task in flight finish, writes the queued history
 * and stops the loop; it does not close the ports (their owner does).
 *
 * <p>Thread-safety: {@link #reload}, {@link #drain} and {@link #close} may be called from any
 * thread; the engine's state lives on its loop.
 */
public final class Recovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final RecoveryEngine engine;
    private final SingleThreadEventLoop loop;
    private final HistoryRecorder history;
    private final UnitSource units;
    private final Duration stepTimeout;
    private volatile UnitSyncReport lastSync;
    private boolean closed;

    private Recovery(
            RecoveryEngine engine,
            SingleThreadEventLoop loop,
            HistoryRecorder history,
            UnitSource units,
            Duration stepTimeout) {
        this.engine = engine;
        this.loop = loop;
        this.history = history;
        this.units = units;
        this.stepTimeout = stepTimeout;
    }

    /** A builder; {@code context}, the three ports and a unit source are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The engine (to report failures from elsewhere, reset services, read its store). */
    public RecoveryEngine engine() {
        return engine;
    }

    /** The engine's loop: the place to schedule the host's own periodic work next to the engine's. */
    public EventLoop loop() {
        return loop;
    }

    /**
     * The history recorder: a listener that writes events the engine did not raise itself (a
     * master's decision on a slave's request, for one) to the history, in order with the engine's.
     */
    public RecoveryListener history() {
        return history;
    }

    /** What the last unit sync (at start or {@link #reload}) changed. */
    public UnitSyncReport lastSync() {
        return lastSync;
    }

    /**
     * Reads the units again and makes them the units in force; a source that cannot be read leaves
     * the units in force as they are.
     */
    public UnitSyncReport reload() throws RecoveryException {
        UnitSyncReport report = sync(engine, load(units), stepTimeout);
        lastSync = report;
        return report;
    }

    /** Waits until every task submitted to the loop so far has run; returns whether it did in time. */
    public boolean drain(Duration timeout) throws InterruptedException {
        return loop.drain(timeout);
    }

    /** Stops the engine, lets the task in flight finish, writes the queued history. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.close();
        try {
            loop.drain(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop.close();
        history.close();
    }

    private static UnitCatalog load(UnitSource units) throws RecoveryException {
        try {
            return units.load();
        } catch (IOException | RuntimeException e) {
            throw new RecoveryException(RecoveryException.Stage.UNITS, "cannot read the units: " + e.getMessage(), e);
        }
    }

    private static UnitSyncReport sync(RecoveryEngine engine, UnitCatalog catalog, Duration timeout)
            throws RecoveryException {
        UnitSyncReport report = await(engine.syncUnits(catalog), "unit sync", RecoveryException.Stage.SYNC, timeout);
        LOG.info(
                "units: {} added, {} changed, {} removed, {} unchanged, {} rejected",
                report.added().size(),
                report.changed().size(),
                report.removed().size(),
                report.unchanged(),
                catalog.rejected().size());
        return report;
    }

    private static <T> T await(CompletionStage<T> stage, String what, RecoveryException.Stage where, Duration timeout)
            throws RecoveryException {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            throw new RecoveryException(where, what + " failed: " + message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecoveryException(where, what + " interrupted", e);
        }
    }

    /**
     * Wires and starts a {@link Recovery}.
     *
     * <p>Thread-safety: not thread-safe; use from one thread, then discard.
     */
    public static final class Builder {
        private String context;
        private ServiceManager serviceManager;
        private RecoveryStore store;
        private SystemActions systemActions;
        private UnitSource units;
        private Path bootMarkerDir;
        private String bootId;
        private Duration integrityCheckDelay = Duration.ofSeconds(30);
        private Duration stepTimeout = Duration.ofSeconds(60);
        private String loopName = "recovery-loop";
        private ActionBudgets budgets = ActionBudgets.defaults();
        private final List<RecoveryListener> listeners = new ArrayList<>();

        private Builder() {}

        /** This instance's context name (the configured one, or the hostname). */
        public Builder context(String context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /** The service manager port (systemd: {@code SystemdServiceManager}). */
        public Builder serviceManager(ServiceManager serviceManager) {
            this.serviceManager = Objects.requireNonNull(serviceManager, "serviceManager");
            return this;
        }

        /** The store port (SQLite: {@code SqliteRecoveryStore}); the history is written to it too. */
        public Builder store(RecoveryStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The port that runs data resets and system actions (or forwards them to the master). */
        public Builder systemActions(SystemActions systemActions) {
            this.systemActions = Objects.requireNonNull(systemActions, "systemActions");
            return this;
        }

        /** Units from a directory, one {@code *.toml} file per service (see {@link UnitDirectory}). */
        public Builder unitsFrom(Path directory) {
            UnitDirectory unitDirectory = new UnitDirectory(directory);
            return units(() -> UnitDirectory.logRejected(unitDirectory.scan()));
        }

        /** Units from elsewhere; read at start and at every {@link Recovery#reload}. */
        public Builder units(UnitSource units) {
            this.units = Objects.requireNonNull(units, "units");
            return this;
        }

        /**
         * Where the boot marker lives: a directory emptied at every boot of this instance (a tmpfs
         * such as {@code /run/<name>}, which a container restart empties too). Without one, the
         * kernel's boot id alone marks a boot.
         */
        public Builder bootMarkerIn(Path runtimeDirectory) {
            this.bootMarkerDir = Objects.requireNonNull(runtimeDirectory, "runtimeDirectory");
            return this;
        }

        /** A boot id decided by the host (overrides {@link #bootMarkerIn}); tests use a fixed one. */
        public Builder bootId(String bootId) {
            this.bootId = Objects.requireNonNull(bootId, "bootId");
            return this;
        }

        /** How long after start the check-start integrity check runs; default 30 s. */
        public Builder integrityCheckDelay(Duration delay) {
            this.integrityCheckDelay = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /** How long start and reload wait for the engine's loop; default 60 s. */
        public Builder stepTimeout(Duration timeout) {
            this.stepTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * This instance's destructive-action budgets (a unit's own budget overrides them); default
         * {@link ActionBudgets#defaults()}.
         */
        public Builder budgets(ActionBudgets budgets) {
            this.budgets = Objects.requireNonNull(budgets, "budgets");
            return this;
        }

        /** The name of the loop's thread; default {@code recovery-loop}. */
        public Builder loopName(String name) {
            this.loopName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Adds a listener on the engine's events, called on the loop after the history recorder. */
        public Builder listener(RecoveryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Reads the units, builds the engine on a new loop, makes the units the units in force and
         * starts the engine; on failure everything started is stopped again.
         */
        public Recovery start() throws RecoveryException {
            require(context, "context");
            require(serviceManager, "serviceManager");
            require(store, "store");
            require(systemActions, "systemActions");
            require(units, "units (unitsFrom or units)");
            String boot = bootId();
            UnitCatalog catalog = load(units);
            SingleThreadEventLoop loop = new SingleThreadEventLoop(loopName);
            HistoryRecorder history = new HistoryRecorder(store, boot);
            var builder = RecoveryEngine.builder()
                    .context(context)
                    .bootId(boot)
                    .integrityCheckDelay(integrityCheckDelay)
                    .clock(Clock.systemUTC())
                    .loop(loop)
                    .store(store)
                    .serviceManager(serviceManager)
                    .systemActions(systemActions)
                    .budgets(budgets)
                    .listener(history);
            listeners.forEach(builder::listener);
            RecoveryEngine engine = builder.build();
            Recovery recovery = new Recovery(engine, loop, history, units, stepTimeout);
            try {
                recovery.lastSync = sync(engine, catalog, stepTimeout);
                await(engine.start(), "engine start", RecoveryException.Stage.START, stepTimeout);
                return recovery;
            } catch (RecoveryException | RuntimeException e) {
                recovery.close();
                throw e;
            }
        }

        private String bootId() throws RecoveryException {
            if (bootId != null) {
                return bootId;
            }
            String kernel = InstanceBoot.kernelBootId();
            if (bootMarkerDir == null) {
                return kernel;
            }
            try {
                return InstanceBoot.id(kernel, bootMarkerDir);
            } catch (IOException e) {
                throw new RecoveryException(
                        RecoveryException.Stage.BOOT_MARKER,
                        "cannot create the boot marker in " + bootMarkerDir + ": " + e,
                        e);
            }
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalStateException(name + " is required");
            }
        }
    }

    /** Where units come from: read at start and at every reload. */
    @FunctionalInterface
    public interface UnitSource {
        /** The units and the rejected sources with their errors. */
        UnitCatalog load() throws IOException;
    }
}
