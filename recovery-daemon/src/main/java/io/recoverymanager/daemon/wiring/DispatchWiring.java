package io.recoverymanager.daemon.wiring;

import io.recoverymanager.core.model.ActionOutcome;
import io.recoverymanager.core.model.ActionRequest;
import io.recoverymanager.core.spi.SystemActions;
import io.recoverymanager.daemon.config.DaemonConfig;
import io.recoverymanager.dispatch.DispatchingSystemActions;
import io.recoverymanager.dispatch.FailureRelay;
import io.recoverymanager.dispatch.RunMode;
import io.recoverymanager.dispatch.exec.LocalActionExecutor;
import io.recoverymanager.dispatch.master.FileRequestLedger;
import io.recoverymanager.dispatch.master.MasterServer;
import io.recoverymanager.dispatch.master.MasterSettings;
import io.recoverymanager.dispatch.master.PeerMachines;
import io.recoverymanager.dispatch.slave.SlaveLink;
import io.recoverymanager.dispatch.slave.SlaveSettings;
import io.recoverymanager.store.sqlite.SqliteRecoveryStore;
import io.recoverymanager.systemd.MachineRegistry;
import io.recoverymanager.systemd.SystemdServiceManager;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Master/slave dispatch as the configuration and the decided run mode want it: the local executor
 * of data resets and system actions, and either the master socket (with its request ledger) or the
 * slave link forwarding system actions. Nothing listens until {@link #start()}.
 *
 * @param systemActions the engine's port to the executors (or the master)
 * @param master the master server, in master mode
 * @param slave the slave link, in slave mode
 * @param closeables what to close at shutdown, first to close first
 *     <p>Thread-safety: immutable; the parts are thread-safe.
 */
public record DispatchWiring(
        SystemActions systemActions,
        Optional<MasterServer> master,
        Optional<SlaveLink> slave,
        List<AutoCloseable> closeables) {

    /**
     * Builds dispatch for this mode.
     *
     * @throws IOException when the master socket cannot be set up
     */
    public static DispatchWiring create(
            DaemonConfig config,
            String context,
            RunMode mode,
            SystemdServiceManager systemd,
            SqliteRecoveryStore store,
            String bootId,
            DispatchRelay relay,
            UnaryOperator<Function<ActionRequest, CompletionStage<ActionOutcome>>> slaveRequests)
            throws IOException {
        List<AutoCloseable> closeables = new ArrayList<>();
        LocalActionExecutor local = new LocalActionExecutor(
                systemd,
                DaemonPorts.commandTemplates(config),
                DaemonPorts.dataPathCheck(config),
                StoreActionJournal.of(store, Clock.systemUTC(), bootId),
                Duration.ofSeconds(90));
        closeables.add(0, local);
        if (mode == RunMode.SLAVE) {
            SlaveLink slave = new SlaveLink(
                    SlaveSettings.of(
                            config.ipc().socket(), context, config.ipc().timeout()),
                    store,
                    relay);
            return new DispatchWiring(
                    DispatchingSystemActions.slave(local, slave), Optional.empty(), Optional.of(slave), closeables);
        }
        FileRequestLedger ledger = new FileRequestLedger(
                config.stateDir().resolve("master-requests.ledger"),
                config.ipc().ledgerMaxAge(),
                config.ipc().ledgerMaxEntries(),
                Clock.systemUTC());
        closeables.add(0, ledger);
        PeerMachines machines = PeerMachines.none();
        if (MasterWiring.bindsMachines(config.ipc())) {
            MachineRegistry registry = MachineRegistry.on(DaemonPorts.busAddress(config), Duration.ofSeconds(10));
            closeables.add(0, registry);
            machines = MasterWiring.machined(registry);
        }
        MasterServer master = new MasterServer(
                MasterSettings.of(
                        config.ipc().socket(),
                        context,
                        config.ipc().timeout(),
                        new HashSet<>(config.ipc().allowedUids())),
                MasterWiring.policy(config.ipc(), machines),
                MasterWiring.executor(slaveRequests.apply(local::execute)),
                MasterWiring.ledger(ledger),
                relay);
        return new DispatchWiring(
                DispatchingSystemActions.master(local), Optional.of(master), Optional.empty(), closeables);
    }

    /** The engine listener that tells the other side about failures here. */
    public FailureRelay failureRelay() {
        return master.map(FailureRelay::forMaster).orElseGet(() -> FailureRelay.forSlave(slave.orElseThrow()));
    }

    /** Starts listening (master) or connecting (slave); returns what stops it. */
    public AutoCloseable start() throws IOException {
        if (master.isPresent()) {
            master.get().start();
            return master.get();
        }
        slave.orElseThrow().start();
        return slave.get();
    }
}
